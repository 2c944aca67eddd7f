package io.stratus.adapters.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;
import io.stratus.StratusException;
import java.io.IOException;
import java.time.ZoneOffset;
import org.apiguardian.api.API;

/**
 * Writes and reads Stratus events in the CloudEvents 1.0 JSON structured format ({@code
 * application/cloudevents+json}) through the CNCF CloudEvents Java SDK. The data is JSON ({@code datacontenttype}
 * {@code application/json}, inlined as {@code data}) and {@code dataschema} names the type's JSON Schema.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EventCodec {

  /** The media type of a structured-mode event body. */
  public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFormat FORMAT = new JsonFormat();

  private EventCodec() {}

  /**
   * Serializes an event.
   *
   * @param event the event; never null
   * @return the structured-mode JSON body, UTF-8; never null
   */
  public static byte[] toJson(StratusEvent event) {
    byte[] data;
    try {
      data = MAPPER.writeValueAsBytes(event.data());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the data of event " + event.id(), e);
    }
    CloudEvent ce = CloudEventBuilder.v1()
        .withId(event.id())
        .withType(event.type().ceType())
        .withSource(event.source())
        .withTime(event.time().atOffset(ZoneOffset.UTC))
        .withDataSchema(event.type().dataSchema())
        .withData("application/json", data)
        .build();
    return FORMAT.serialize(ce);
  }

  /**
   * Parses a structured-mode body, as a receiver would.
   *
   * @param body the request body; never null
   * @return the event; never null
   * @throws EventFormatException if the body is not a CloudEvents 1.0 JSON event of a known Stratus type with JSON
   *     object data
   */
  public static StratusEvent fromJson(byte[] body) {
    CloudEvent ce;
    try {
      ce = FORMAT.deserialize(body);
    } catch (EventDeserializationException | IllegalArgumentException | IllegalStateException e) {
      throw new EventFormatException("body is not a CloudEvents 1.0 JSON event: " + e.getMessage(), e);
    }
    EventType type;
    try {
      type = EventType.ofCeType(ce.getType());
    } catch (IllegalArgumentException e) {
      throw new EventFormatException("event " + ce.getId() + ": " + e.getMessage(), e);
    }
    if (ce.getTime() == null) {
      throw new EventFormatException("event " + ce.getId() + ": attribute time is required by Stratus events");
    }
    CloudEventData data = ce.getData();
    if (data == null) {
      throw new EventFormatException("event " + ce.getId() + ": data is required by Stratus events");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(data.toBytes());
    } catch (IOException e) {
      throw new EventFormatException("event " + ce.getId() + ": data is not JSON: " + e.getMessage(), e);
    }
    if (!(node instanceof ObjectNode)) {
      throw new EventFormatException("event " + ce.getId() + ": data must be a JSON object, got " + node);
    }
    try {
      return new StratusEvent(ce.getId(), type, ce.getSource(), ce.getTime().toInstant(), (ObjectNode) node);
    } catch (IllegalArgumentException e) {
      throw new EventFormatException("event " + ce.getId() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A body that is not a valid Stratus CloudEvent.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class EventFormatException extends StratusException {
    private static final long serialVersionUID = 1L;

    EventFormatException(String message) {
      super(message);
    }

    EventFormatException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
