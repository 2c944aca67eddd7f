/** Implementation details shared by the finops packages; not API, not exported. */
package io.stratus.finops.internal;
