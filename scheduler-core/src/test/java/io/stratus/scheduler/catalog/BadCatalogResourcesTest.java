package io.stratus.scheduler.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.ProviderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Broken resources fail with a {@link ProviderException} naming the file and what is wrong. */
class BadCatalogResourcesTest {

  /** The real resources, with one file's text rewritten. */
  private static CatalogLoader.Resources patched(String file, UnaryOperator<String> edit) {
    return name -> {
      InputStream real = BundledCatalog.class.getResourceAsStream(name);
      if (!name.equals(file) || real == null) {
        return real;
      }
      try (real) {
        String text = new String(real.readAllBytes(), StandardCharsets.UTF_8);
        String edited = edit.apply(text);
        return edited == null ? null : new ByteArrayInputStream(edited.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Test
  void load_missingResource_namesIt() {
    assertThatThrownBy(() -> BundledCatalog.load(patched(CatalogLoader.GCP_TYPES, t -> null)))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("provider 'catalog'")
        .hasMessageContaining("gcp-compute-engine-machine-types.csv")
        .hasMessageContaining("missing")
        .satisfies(e -> assertThat(((ProviderException) e).providerId()).isEqualTo("catalog"));
  }

  @Test
  void load_malformedPrice_namesFileLineAndColumn() {
    assertThatThrownBy(
            () ->
                BundledCatalog.load(
                    patched(CatalogLoader.AWS_TYPES, t -> t.replace("m5.large,m5,2,8,amd64,,,nitro,0.096,", "m5.large,m5,2,8,amd64,,,nitro,zero,"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("aws-ec2-instance-types.csv")
        .hasMessageContaining("line")
        .hasMessageContaining("ondemand_usd_per_hour_us_east_1")
        .hasMessageContaining("'zero'");
  }

  @Test
  void load_negativePrice_isRejected() {
    assertThatThrownBy(
            () ->
                BundledCatalog.load(
                    patched(CatalogLoader.AZURE_TYPES, t -> t.replace("Standard_D2s_v5,2,8,docs,docs,0.096,", "Standard_D2s_v5,2,8,docs,docs,-0.096,"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("azure-vm-sizes.csv")
        .hasMessageContaining("must be >= 0");
  }

  @Test
  void load_regionWithoutMetadata_isRejected() {
    assertThatThrownBy(
            () -> BundledCatalog.load(patched(CatalogLoader.REGIONS, t -> t.replaceAll("(?m)^gcp,europe-west4,.*\\n", ""))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("gcp:europe-west4")
        .hasMessageContaining("regions.csv");
  }

  @Test
  void load_badRegionMetadata_namesRule() {
    assertThatThrownBy(
            () -> BundledCatalog.load(patched(CatalogLoader.REGIONS, t -> t.replace(",Belgium,BE,", ",Belgium,Belgium,"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("regions.csv")
        .hasMessageContaining("region.country");
  }

  @Test
  void load_wrongFieldCount_isRejected() {
    assertThatThrownBy(
            () -> BundledCatalog.load(patched(CatalogLoader.AWS_FACTORS, t -> t.replace("eu-west-1,32.012,<5%", "eu-west-1,32.012"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("aws-regional-factors.csv")
        .hasMessageContaining("fields");
  }

  @Test
  void load_unknownSpotBand_isRejected() {
    assertThatThrownBy(
            () -> BundledCatalog.load(patched(CatalogLoader.AWS_FACTORS, t -> t.replace("eu-west-1,32.012,<5%", "eu-west-1,32.012,rare"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("unknown spot interruption band 'rare'");
  }

  @Test
  void load_missingProperty_namesKey() {
    assertThatThrownBy(
            () -> BundledCatalog.load(patched(CatalogLoader.PROPERTIES, t -> t.replace("gcp.observedAt=", "gcp.observed="))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("missing key gcp.observedAt");
  }

  @Test
  void load_unknownArchitecture_isRejected() {
    assertThatThrownBy(
            () -> BundledCatalog.load(patched(CatalogLoader.AWS_TYPES, t -> t.replace("a1.large,a1,2,4,arm64", "a1.large,a1,2,4,sparc"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("unknown arch 'sparc'");
  }

  @Test
  void load_unpricedRegion_isRejected() {
    assertThatThrownBy(
            () ->
                BundledCatalog.load(
                    patched(CatalogLoader.REGIONS, t -> t + "gcp,europe-west9,Paris,FR,EU;EEA,48.86,2.35,,\n")))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("gcp:europe-west9 has no price");
  }

  @Test
  void load_unterminatedQuote_isRejected() {
    assertThatThrownBy(
            () -> BundledCatalog.load(patched(CatalogLoader.GCP_TYPES, t -> t.replace("e2-micro,0.25", "\"e2-micro,0.25"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("gcp-compute-engine-machine-types.csv");
  }

  @Test
  void load_fractionalGpuCountOnAws_isRejected() {
    assertThatThrownBy(
            () ->
                BundledCatalog.load(
                    patched(CatalogLoader.AWS_TYPES, t -> t.replace("p4d.24xlarge,p4d,96,1152,amd64,8,", "p4d.24xlarge,p4d,96,1152,amd64,8.5,"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("aws-ec2-instance-types.csv");
  }
}
