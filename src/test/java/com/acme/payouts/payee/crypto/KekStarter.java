package com.acme.payouts.payee.crypto;

import java.nio.file.Path;

/** Run in a separate JVM by {@link LocalKeyEncryptionKeysTest}: opens the key directory and prints the current id. */
final class KekStarter {

    private KekStarter() {}

    public static void main(String[] args) throws Exception {
        // Load and initialise the crypto classes first, on a private directory, so that after the go signal the
        // processes really race on the shared one instead of on class loading.
        new LocalKeyEncryptionKeys(Path.of(args[2]));
        // Start together with the sibling processes: wait for the go file the test creates.
        Path go = Path.of(args[1]);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!go.toFile().exists() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        System.out.println("KEY_ID=" + new LocalKeyEncryptionKeys(Path.of(args[0])).currentKeyId());
    }
}
