/**
 * The {@code stratus} command line: {@code estimate} (IaC cost estimates and CI cost gates), {@code schedule},
 * {@code simulate} and {@code ingest}. Run {@code java -jar stratus-cli-<version>-all.jar --help}.
 */
package io.stratus.cli;
