/**
 * Cost attribution: ordered rules on tags, accounts, resource names and any other dimension (exact or regex, with
 * defaults) map records to team, project and cost centre; shared cost is split (even, proportional to cost or usage,
 * fixed percentages); what no rule matches is reported as unallocated; each record's attribution is explainable.
 */
package io.stratus.finops.attribution;
