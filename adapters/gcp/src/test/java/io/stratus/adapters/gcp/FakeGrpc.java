package io.stratus.adapters.gcp;

import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An in-process gRPC server for one unary method of a Google API, built from the request and response message types
 * and the method's full name (the generated {@code *Grpc} service classes are not served by the registry here, so the
 * service definition is assembled from the same pieces they contain). Failures to inject are queued: each call takes
 * the next one (a status, or HANG to never answer) before the handler runs.
 */
final class FakeGrpc<Q extends Message, R extends Message> implements AutoCloseable {
  /** A queued failure that leaves the call unanswered (the client's deadline ends it). */
  static final Status HANG = Status.UNKNOWN.withDescription("hang");
  private static final StatusRuntimeException HANGS = HANG.asRuntimeException();

  private final Server server;
  private final ManagedChannel channel;
  private final Deque<StatusRuntimeException> failures = new ArrayDeque<>();
  final List<Q> requests = new CopyOnWriteArrayList<>();
  private final Function<Q, R> defaultHandler;
  private volatile Function<Q, R> handler;

  FakeGrpc(String service, String method, Q requestDefault, R responseDefault, Function<Q, R> handler) {
    this.handler = handler;
    this.defaultHandler = handler;
    MethodDescriptor<Q, R> md =
        MethodDescriptor.<Q, R>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
            .setRequestMarshaller(ProtoUtils.marshaller(requestDefault))
            .setResponseMarshaller(ProtoUtils.marshaller(responseDefault))
            .build();
    ServerServiceDefinition def =
        ServerServiceDefinition.builder(service)
            .addMethod(md, ServerCalls.asyncUnaryCall((req, observer) -> {
              requests.add(req);
              StatusRuntimeException failure;
              synchronized (failures) {
                failure = failures.poll();
              }
              if (failure == HANGS) {
                return;
              }
              if (failure != null) {
                observer.onError(failure);
                return;
              }
              try {
                observer.onNext(this.handler.apply(req));
                observer.onCompleted();
              } catch (StatusRuntimeException e) {
                observer.onError(e);
              } catch (RuntimeException e) {
                observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
              }
            }))
            .build();
    String name = InProcessServerBuilder.generateName();
    try {
      server = InProcessServerBuilder.forName(name).directExecutor().addService(def).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  /** Back to the default handler, no queued failures, no recorded requests. */
  void reset() {
    handler = defaultHandler;
    synchronized (failures) {
      failures.clear();
    }
    requests.clear();
  }

  void handler(Function<Q, R> value) {
    this.handler = value;
  }

  /** Queues failures for the next calls, in order. */
  void failNext(Status... statuses) {
    synchronized (failures) {
      for (Status s : statuses) {
        failures.add(s == HANG ? HANGS : s.asRuntimeException());
      }
    }
  }

  /** Queues a failure with trailers (e.g. {@code grpc-status-details-bin} from {@code StatusProto}). */
  void failNext(StatusRuntimeException failure) {
    synchronized (failures) {
      failures.add(failure);
    }
  }

  TransportChannelProvider channelProvider() {
    return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }
}
