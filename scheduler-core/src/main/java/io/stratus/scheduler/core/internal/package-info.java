/**
 * Implementation helpers shared by the packages of scheduler-core (the batch planner's search and the placement
 * solver's search); not API, may change without notice.
 */
package io.stratus.scheduler.core.internal;
