package com.acme.payouts.payee.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;

/**
 * Key-encryption keys kept as files in a local directory, for development and the embedded default. In AWS the same
 * role is played by a KMS key (ADR 0004).
 *
 * <p>Layout: {@code kek-<id>.key} holds 32 random bytes (base64 text; raw 32-byte files are read too), and
 * {@code current-kek} names the id to wrap new data keys under. Older key files stay, so a rotation only adds a key
 * and moves the pointer.
 *
 * <p>The constructor prepares the directory, creating the first key if there is none, so a bad key store stops the
 * application at start-up instead of failing the first payout. Files are created owner-only from the first byte
 * (permissions passed at creation, never a chmod afterwards), written to a temporary name, then published with a hard
 * link: {@code link(2)} is atomic and refuses to replace, unlike {@code rename(2)}, which Java's {@code ATOMIC_MOVE}
 * uses and which silently overwrites. So when two processes start on an empty directory at once, exactly one pointer
 * wins and the loser re-reads it.
 */
public final class LocalKeyEncryptionKeys implements KeyEncryptionKeys {

    /** ESDK provider namespace recorded in every wrapped data key; the key id is the provider's key name. */
    static final String KEY_NAMESPACE = "acme-payouts/local-kek";

    static final String POINTER_FILE = "current-kek";

    private static final Logger LOG = LoggerFactory.getLogger(LocalKeyEncryptionKeys.class);
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS_WRITE =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final DateTimeFormatter ID_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final MaterialProviders materialProviders;
    private final SecureRandom random;
    private final boolean posix;
    private volatile String currentKeyId;
    private final ConcurrentMap<String, IKeyring> keyrings = new ConcurrentHashMap<>();

    public LocalKeyEncryptionKeys(Path directory) {
        this(directory, Keyrings.newMaterialProviders(), new SecureRandom());
    }

    /**
     * @throws PayeeCryptoException if the directory or a key file is accessible to group or others, a key file is
     *     malformed, or the directory can't be prepared
     */
    public LocalKeyEncryptionKeys(Path directory, MaterialProviders materialProviders, SecureRandom random) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        this.materialProviders = Objects.requireNonNull(materialProviders, "materialProviders");
        this.random = Objects.requireNonNull(random, "random");
        this.posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            LOG.warn(
                    "File system of {} has no POSIX permissions: key-encryption keys are stored without owner-only"
                            + " protection; restrict the directory with the platform's own access control",
                    this.directory);
        }
        try {
            prepareDirectory();
            this.currentKeyId = readOrCreateCurrentKeyId();
        } catch (IOException e) {
            throw new PayeeCryptoException("could not prepare key-encryption keys in " + this.directory, e);
        }
        // Load now so an unreadable or exposed key refuses start-up.
        keyring(currentKeyId);
    }

    @Override
    public String currentKeyId() {
        return currentKeyId;
    }

    @Override
    public IKeyring keyring(String keyId) {
        // The id comes from stored records; checking its shape keeps it from naming a path outside the directory.
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new PayeeCryptoException("malformed key-encryption key id");
        }
        return keyrings.computeIfAbsent(keyId, this::loadKeyring);
    }

    private void prepareDirectory() throws IOException {
        if (Files.notExists(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        }
        // A symlinked directory is a normal deployment (a mounted secrets volume); key files themselves may not be
        // links.
        if (!Files.isDirectory(directory)) {
            throw new PayeeCryptoException(directory + " is not a directory");
        }
        if (posix) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
            // Anyone who can write here can swap the key new payees are encrypted under.
            if (!disjoint(permissions, GROUP_OR_OTHERS_WRITE)) {
                throw new PayeeCryptoException("key directory " + directory + " is writable by group or others ("
                        + PosixFilePermissions.toString(permissions) + "); it must be rwx------");
            }
            if (!disjoint(permissions, GROUP_OR_OTHERS)) {
                LOG.warn(
                        "Key directory {} is {}: other users can list it; rwx------ is expected",
                        directory,
                        PosixFilePermissions.toString(permissions));
            }
        }
    }

    private String readOrCreateCurrentKeyId() throws IOException {
        Path pointer = directory.resolve(POINTER_FILE);
        if (Files.exists(pointer, LinkOption.NOFOLLOW_LINKS)) {
            return readPointer(pointer);
        }
        String keyId = newKeyId();
        Path keyFile = createKeyFile(keyId);
        try {
            publish(pointer, (keyId + "\n").getBytes(StandardCharsets.US_ASCII));
            LOG.info("Created key-encryption key {} in {}", keyId, directory);
            return keyId;
        } catch (FileAlreadyExistsException lostRace) {
            // Another process published its pointer first: its key is the current one and ours was never used.
            Files.deleteIfExists(keyFile);
            return readPointer(pointer);
        }
    }

    /**
     * A new key becomes current: its file is published first, then the pointer is replaced atomically (rename), so a
     * reader sees either the old or the new id, each with its key file present. Older keys stay for unwrapping. For
     * the embedded default's single process; other processes on the same directory see the new key after a restart.
     */
    @Override
    public synchronized String rotateToNewKey() {
        String keyId = newKeyId();
        try {
            createKeyFile(keyId);
            keyring(keyId);
            Path pointer = directory.resolve(POINTER_FILE);
            Path temp = directory.resolve("." + POINTER_FILE + ".tmp-" + HexFormat.of().formatHex(randomBytes(8)));
            try {
                writeNew(temp, (keyId + "\n").getBytes(StandardCharsets.US_ASCII));
                Files.move(temp, pointer, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory();
        } catch (IOException e) {
            throw new PayeeCryptoException("could not create a new key-encryption key in " + directory, e);
        }
        String previous = currentKeyId;
        currentKeyId = keyId;
        LOG.info("Key-encryption key {} is now current (was {}) in {}", keyId, previous, directory);
        return keyId;
    }

    private Path createKeyFile(String keyId) throws IOException {
        Path keyFile = keyFile(keyId);
        byte[] key = new byte[Keyrings.AES_256_KEY_BYTES];
        random.nextBytes(key);
        byte[] encoded = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            publish(keyFile, encoded);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
        return keyFile;
    }

    private String readPointer(Path pointer) throws IOException {
        // Pointers are only ever published complete (link or rename of a finished file), so no partial read here.
        String keyId = new String(Files.readAllBytes(pointer), StandardCharsets.US_ASCII).strip();
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new PayeeCryptoException(pointer + " does not hold a valid key-encryption key id");
        }
        return keyId;
    }

    /** Writes {@code content} to a fresh owner-only temporary file, then gives it its final name without replacing. */
    private void publish(Path target, byte[] content) throws IOException {
        Path temp = directory.resolve(
                "." + target.getFileName() + ".tmp-" + HexFormat.of().formatHex(randomBytes(8)));
        try {
            writeNew(temp, content);
            linkNoReplace(target, temp);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory();
    }

    private void writeNew(Path file, byte[] content) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (channel instanceof FileChannel fileChannel) {
                fileChannel.force(true);
            }
        }
    }

    private static void linkNoReplace(Path target, Path temp) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            // Without hard links, a move without REPLACE_EXISTING still refuses an existing target, though the
            // existence check and the rename are two steps; good enough for the file systems that lack link(2).
            Files.move(temp, target);
        }
    }

    private void syncDirectory() {
        // Makes the new name durable on Linux; other platforms can't open a directory, and then there's nothing to do.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Could not sync directory {}", directory, e);
        }
    }

    private IKeyring loadKeyring(String keyId) {
        Path file = keyFile(keyId);
        byte[] content = null;
        byte[] key = null;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new PayeeCryptoException(
                        "key-encryption key " + keyId + " is not a regular file in " + directory);
            }
            if (posix) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                if (!disjoint(permissions, GROUP_OR_OTHERS)) {
                    throw new PayeeCryptoException("refusing key-encryption key file " + file
                            + ": it is accessible by group or others (" + PosixFilePermissions.toString(permissions)
                            + "); it must be rw------- (chmod 600) and the key should be treated as exposed");
                }
            }
            content = Files.readAllBytes(file);
            key = decodeKey(content, keyId);
            return Keyrings.rawAes(materialProviders, KEY_NAMESPACE, keyId, key);
        } catch (NoSuchFileException e) {
            throw new PayeeCryptoException("key-encryption key " + keyId + " not found in " + directory, e);
        } catch (IOException e) {
            throw new PayeeCryptoException("could not read key-encryption key " + keyId + " in " + directory, e);
        } finally {
            if (content != null) {
                Arrays.fill(content, (byte) 0);
            }
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private static byte[] decodeKey(byte[] content, String keyId) {
        if (content.length == Keyrings.AES_256_KEY_BYTES) {
            return content.clone();
        }
        try {
            byte[] key = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
            if (key.length == Keyrings.AES_256_KEY_BYTES) {
                return key;
            }
            Arrays.fill(key, (byte) 0);
        } catch (IllegalArgumentException notBase64) {
            // Reported below without the content, which may be key material.
        }
        throw new PayeeCryptoException(
                "key-encryption key " + keyId + " must be 32 bytes, raw or base64; the file holds something else");
    }

    private Path keyFile(String keyId) {
        return directory.resolve("kek-" + keyId + ".key");
    }

    /** Date first so ids sort by age in a listing; the random part keeps concurrent creators apart. */
    private String newKeyId() {
        return ID_DATE.format(Instant.now()) + "-" + HexFormat.of().formatHex(randomBytes(6));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static boolean disjoint(Set<PosixFilePermission> a, Set<PosixFilePermission> b) {
        return a.stream().noneMatch(b::contains);
    }

    @Override
    public String toString() {
        return "LocalKeyEncryptionKeys[directory=" + directory + ", currentKeyId=" + currentKeyId + "]";
    }
}
