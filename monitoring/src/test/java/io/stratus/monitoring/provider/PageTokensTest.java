package io.stratus.monitoring.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.ProviderException;
import org.junit.jupiter.api.Test;

class PageTokensTest {
  @Test
  void more_followsNewTokens_andStopsAtNullOrEmpty() {
    PageTokens tokens = PageTokens.of("aws", "DescribeInstances eu-west-1");
    assertThat(tokens.more("a")).isTrue();
    assertThat(tokens.more("b")).isTrue();
    assertThat(tokens.more("")).isFalse();
    assertThat(PageTokens.of("gcp", "listSkus").more(null)).isFalse();
  }

  @Test
  void aRepeatedToken_failsNamingProviderAndListing() {
    PageTokens tokens = PageTokens.of("gcp", "listSkus");
    tokens.more("x");
    tokens.more("y");
    assertThatThrownBy(() -> tokens.more("x")).isInstanceOfSatisfying(ProviderException.class,
        e -> assertThat(e.providerId()).isEqualTo("gcp"))
        .hasMessageContaining("listSkus").hasMessageContaining("next-page token repeats after 3 pages");
  }
}
