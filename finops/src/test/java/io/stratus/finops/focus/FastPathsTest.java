package io.stratus.finops.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class FastPathsTest {
  private static Row lazy(String text) {
    char[] chars = text.toCharArray();
    Row row = new Row(new Header(List.of("a")));
    CsvEngine.Interner[] interners = {new CsvEngine.Interner()};
    row.resetLazy(1, chars, new int[] {0}, new int[] {chars.length}, 0, 1, interners, -1);
    return row;
  }

  private static BigDecimal parsed(String text) throws RowException {
    return new Parse().decimal(lazy(text), 0);
  }

  @Property
  void decimal_plainNumbers_sameValueAndScaleAsBigDecimalOfText(
      @ForAll @BigRange(min = "-99999999999", max = "99999999999") @Scale(9) BigDecimal value)
      throws RowException {
    String text = value.toPlainString();
    assertThat(parsed(text)).isEqualTo(new BigDecimal(text));
  }

  @Test
  void decimal_otherForms_sameAsBigDecimalOfText() throws RowException {
    for (String text :
        List.of("0", "-0", "+3", "5.", ".5", "-.25", "007.50", "1E-7", "-1.5e3", "123456789012345678",
            "1234567890123456789", "0.0000000000000000001", " 2.5 ", "99999999999999999999.5")) {
      BigDecimal expected = new BigDecimal(text.trim());
      assertThat(parsed(text)).as(text).isEqualTo(expected);
      assertThat(parsed(text).scale()).as(text).isEqualTo(expected.scale());
    }
  }

  @Test
  void decimal_emptyOrNull_null() throws RowException {
    assertThat(parsed("")).isNull();
    assertThat(parsed("   ")).isNull();
    assertThat(parsed("NULL")).isNull();
  }

  @Test
  void decimal_notANumber_rejectsWithTheText() {
    for (String text : List.of("x.5", "1.2.3", "-", ".", "1,5", "--1")) {
      try {
        parsed(text);
        throw new AssertionError("accepted " + text);
      } catch (RowException e) {
        assertThat(e.reason).isEqualTo("bad number");
        assertThat(e.value).isEqualTo(text);
      }
    }
  }

  @Test
  void arnResourceType_forms_typeOrNull() {
    assertThat(AwsCurFormat.arnResourceType("arn:aws:ec2:us-east-1:1:instance/i-1")).isEqualTo("instance");
    assertThat(AwsCurFormat.arnResourceType("arn:aws:lambda:us-east-1:1:function:my-fn")).isEqualTo("function");
    assertThat(AwsCurFormat.arnResourceType("arn:aws:s3:::bucket")).isNull();
    assertThat(AwsCurFormat.arnResourceType("arn:aws:s3:::bucket/key")).isEqualTo("bucket");
    assertThat(AwsCurFormat.arnResourceType("arn:aws:iam::1:/x")).isNull();
    assertThat(AwsCurFormat.arnResourceType("arn:aws:iam::1::y")).isEqualTo("");
    assertThat(AwsCurFormat.arnResourceType("arn:aws:ec2")).isNull();
    assertThat(AwsCurFormat.arnResourceType("i-0abc")).isNull();
    assertThat(AwsCurFormat.arnResourceType(null)).isNull();
  }

  @Test
  void interner_repeatedText_sameInstance_andSwitchesOffForUniqueValues() {
    CsvEngine.Interner interner = new CsvEngine.Interner();
    char[] a = "us-east-1".toCharArray();
    String first = interner.get(a, 0, a.length, "us-east-1".hashCode());
    assertThat(interner.get(a.clone(), 0, a.length, "us-east-1".hashCode())).isSameAs(first).isEqualTo("us-east-1");
    for (int i = 0; interner.active() && i < 20_000; i++) {
      char[] unique = ("id-" + i).toCharArray();
      assertThat(interner.get(unique, 0, unique.length, ("id-" + i).hashCode())).isEqualTo("id-" + i);
    }
    assertThat(interner.active()).isFalse();
  }
}
