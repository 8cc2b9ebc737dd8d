package io.mcpbridge.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a server-sent event stream until the server closes it (or the timeout passes). */
final class SseReader {
  /** One event: its id, name and data. */
  record Event(long id, String name, String data) {}

  /** Everything a stream delivered. */
  record Transcript(int status, List<Event> events, int comments) {}

  private SseReader() {}

  static Transcript read(int port, String path, String token, Map<String, String> headers, Duration timeout)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout)
        .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token);
    headers.forEach(b::header);
    HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofLines());
    List<Event> events = new ArrayList<>();
    int comments = 0;
    long id = -1;
    String name = "message";
    StringBuilder data = new StringBuilder();
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(id, name, data.toString()));
          }
          id = -1;
          name = "message";
          data.setLength(0);
        } else if (line.startsWith(":")) {
          comments++;
        } else if (line.startsWith("id:")) {
          id = Long.parseLong(line.substring(3).trim());
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
    }
    return new Transcript(response.statusCode(), events, comments);
  }
}
