package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CodesTest {
  private static final Texts ENGLISH = Texts.in(Locale.ENGLISH);

  @Test
  void theSecret_isShownInGroupsOfFour() {
    assertThat(Codes.grouped("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"))
        .isEqualTo("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
    assertThat(Codes.grouped("ABCDEF")).isEqualTo("ABCD EF");
    assertThat(Codes.grouped("")).isEmpty();
  }

  @Test
  void fieldChecks_boundTheLengthAndRefuseControlCharacters() {
    assertThat(FieldCheck.problem(ENGLISH, "a".repeat(64), 64)).isEmpty();
    assertThat(FieldCheck.problem(ENGLISH, "a".repeat(65), 64))
        .hasValue("This is too long: at most 64 characters.");
    assertThat(FieldCheck.problem(ENGLISH, "a\u0000b", 64)).isPresent();
    assertThat(FieldCheck.problem(ENGLISH, "line\nbreak", 64)).isPresent();
    assertThat(FieldCheck.problem(ENGLISH, "Zoë 🙂 中文 <b>' OR 1=1", 64))
        .isEqualTo(Optional.empty());
  }

  @Test
  void theQrCode_isAPngThatReadsBackAsTheAddress() throws Exception {
    String address =
        "otpauth://totp/SupportPro:ada?secret=JBSWY3DPEHPK3PXP&issuer=SupportPro&algorithm=SHA1"
            + "&digits=6&period=30";

    byte[] png = QrCodes.png(address);

    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(QrCodes.SIZE);
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    var bitmap =
        new BinaryBitmap(
            new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
    Result read = new QRCodeReader().decode(bitmap);
    assertThat(read.getText()).isEqualTo(address);
    assertThat(read.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL))
        .isEqualTo("M");
  }
}
