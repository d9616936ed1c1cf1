package studio.app.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The PyTorch side: runs {@code tools/reference/bench_reference.py} on an exported case folder and
 * reads the {@code pytorch.json} it writes.
 *
 * @param torchVersion   the reference's PyTorch version
 * @param defaultThreads torch's default intra-op thread count on this machine
 * @param timings        per thread count, per operation
 * @param check          the reference's same-work checks (max relative error of its outputs vs Java's)
 */
record ReferenceRun(String torchVersion, int defaultThreads, Map<Integer, Map<String, Timing>> timings,
                    Map<String, Double> check) {

    static final String RESULT_FILE = "pytorch.json";

    static ReferenceRun run(String python, Path script, Path caseDir, int repeats, Collection<Integer> threads,
                            PrintWriter log) throws IOException, InterruptedException {
        List<String> command = List.of(python, script.toString(), "--case", caseDir.toString(),
                "--repeats", Integer.toString(repeats),
                "--threads", threads.stream().map(String::valueOf).collect(Collectors.joining(",")));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                tail.addLast(line);
                if (tail.size() > 8) {
                    tail.removeFirst();
                }
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("the PyTorch reference failed (exit " + code + ") running "
                    + String.join(" ", command) + ":\n  " + String.join("\n  ", tail));
        }
        log.println("  " + (tail.isEmpty() ? "" : tail.getLast()));
        return read(caseDir.resolve(RESULT_FILE));
    }

    static ReferenceRun read(Path json) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
        Map<Integer, Map<String, Timing>> timings = new TreeMap<>();
        for (Map.Entry<String, JsonElement> perThreads : o.getAsJsonObject("results").entrySet()) {
            Map<String, Timing> ops = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> op : perThreads.getValue().getAsJsonObject().entrySet()) {
                JsonObject t = op.getValue().getAsJsonObject();
                ops.put(op.getKey(), new Timing(t.get("best").getAsDouble(), t.get("median").getAsDouble(),
                        t.get("best_cpu").getAsDouble(), t.get("runs").getAsInt()));
            }
            timings.put(Integer.parseInt(perThreads.getKey()), ops);
        }
        Map<String, Double> check = new LinkedHashMap<>();
        o.getAsJsonObject("check").entrySet().forEach(e -> check.put(e.getKey(), e.getValue().getAsDouble()));
        return new ReferenceRun(o.get("torch").getAsString(), o.get("default_threads").getAsInt(), timings, check);
    }
}
