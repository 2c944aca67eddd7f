/** CPU time of IaC cost estimates ({@code stratus-iac}). */
package io.stratus.benchmarks.iac;
