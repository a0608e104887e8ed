package com.acme.payouts.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's Dockerfile as instructions (continuation lines joined, comments dropped), by stage. */
record Dockerfile(List<List<Instruction>> stages) {

    record Instruction(int line, String keyword, String arguments) {}

    static Path path() {
        return ExternalTool.projectDir().resolve("Dockerfile");
    }

    static Dockerfile load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<Instruction>> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (pending.isEmpty()) {
                start = i + 1;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String[] parts = pending.toString().strip().split("\\s+", 2);
            Instruction instruction = new Instruction(start, parts[0].toUpperCase(), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (stages.isEmpty()) {
                throw new IllegalStateException("Dockerfile line " + start + ": " + instruction.keyword() + " before FROM");
            }
            stages.get(stages.size() - 1).add(instruction);
            pending.setLength(0);
        }
        return new Dockerfile(stages);
    }

    List<Instruction> runtime() {
        return stages.get(stages.size() - 1);
    }

    List<Instruction> all(String keyword) {
        return stages.stream().flatMap(List::stream).filter(i -> i.keyword().equals(keyword)).toList();
    }

    static List<Instruction> of(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }
}
