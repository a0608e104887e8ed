package com.acme.payouts.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;

/**
 * Small secret files of the embedded default (the API key pepper, the generated bootstrap token),
 * created owner-only ({@code rw-------} in an {@code rwx------} directory) from the start, never
 * chmod-ed afterwards, and published with a hard link so that two processes racing on a fresh data
 * directory agree on one file.
 */
final class OwnerOnlyFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {}

    /** Reads {@code file}, or creates it with {@code content} if it does not exist; returns what is in it. */
    static byte[] readOrCreate(Path file, byte[] content) {
        try {
            Optional<byte[]> existing = read(file);
            if (existing.isPresent()) {
                return existing.get();
            }
            createDirectory(file.getParent());
            Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            if (!createNew(temp, content)) {
                throw new IOException("temporary file exists: " + temp);
            }
            try {
                Files.createLink(file, temp);
                return content;
            } catch (FileAlreadyExistsException lost) {
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** Writes {@code content} to a new file (replacing none); false if the file already exists. */
    static boolean createNew(Path file, byte[] content) {
        try {
            createDirectory(file.getParent());
            FileAttribute<?>[] attrs = POSIX
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            Files.createFile(file, attrs);
            Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private static Optional<byte[]> read(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    private static void createDirectory(Path dir) throws IOException {
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }
}
