package se.region.cdr.bench.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine and the benchmark client's JVM, from {@code /proc} and the runtime MX bean. */
public final class EnvironmentProbe {

  private EnvironmentProbe() {}

  public static ObjectNode machine() {
    ObjectNode machine = JsonNodeFactory.instance.objectNode();
    machine.put("cpuModel", procField("/proc/cpuinfo", "model name").orElse("unknown"));
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memTotal", procField("/proc/meminfo", "MemTotal").orElse("unknown"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  public static ObjectNode clientJvm() {
    ObjectNode jvm = JsonNodeFactory.instance.objectNode();
    jvm.put(
        "version",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    jvm.put("flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    jvm.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    return jvm;
  }

  /** The resident set size of process {@code pid} (Linux), e.g. {@code "812344 kB"}. */
  public static Optional<String> residentSetSize(long pid) {
    return procField("/proc/" + pid + "/status", "VmRSS");
  }

  private static Optional<String> procField(String file, String name) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      return lines.stream()
          .filter(line -> line.startsWith(name))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}
