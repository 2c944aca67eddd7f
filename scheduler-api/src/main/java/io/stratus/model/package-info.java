/**
 * The shared model: immutable, validated values for providers, regions and jurisdictions, instance types, offers and
 * money, workloads with their cost, performance and compliance requirements, and running machines with their history.
 * Every type serializes to and from JSON with Jackson (with {@code jackson-datatype-jsr310} for times).
 */
@NullMarked
package io.stratus.model;

import org.jspecify.annotations.NullMarked;
