/**
 * The shared model: immutable, validated values for providers, regions and jurisdictions, instance types, offers and
 * money, workloads with their cost, performance and compliance requirements, and running machines with their history.
 * Every type serializes to and from JSON with Jackson (with {@code jackson-datatype-jsr310} for times).
 *
 * <p>Reading JSON: whatever the mapper, a required number that is missing or null (e.g. {@code memoryGib} of a {@link
 * io.stratus.model.ResourceDemand}) fails with Jackson's {@code MismatchedInputException} naming the property and its
 * path, and a value that breaks a rule fails naming the field, the value and the rule. Three checks only the mapper can
 * make; configure it so (the configuration the SDK's own tests use):
 *
 * <pre>{@code
 * ObjectMapper mapper = JsonMapper.builder()
 *     .addModule(new JavaTimeModule())
 *     .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)   // {"vcpus": 2, "vcpus": 4} is an error
 *     .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)     // "gpus": 1.5 is an error, not 1
 *     .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
 *     .build();
 * }</pre>
 *
 * Unknown properties fail by Jackson's default ({@code FAIL_ON_UNKNOWN_PROPERTIES}); keep it on.
 */
@NullMarked
package io.stratus.model;

import org.jspecify.annotations.NullMarked;
