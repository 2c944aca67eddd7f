/** Implementation helpers of the monitoring module; not API, may change without notice. */
package io.stratus.monitoring.internal;
