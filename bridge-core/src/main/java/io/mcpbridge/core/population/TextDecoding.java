package io.mcpbridge.core.population;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text of files written by PK-Sim across versions: UTF-8 with or without a byte-order mark, or
 * Windows-1252 (older versions write {@code µ} as the single byte 0xB5). Bytes that are not valid
 * UTF-8 are read as Windows-1252.
 */
final class TextDecoding {
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextDecoding() {}

  static String decode(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(bytes, WINDOWS_1252);
    }
  }
}
