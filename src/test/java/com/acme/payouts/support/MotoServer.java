package com.acme.payouts.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * moto server (Python) on a free port, shared by all tests in one JVM and stopped when the JVM ends.
 * It speaks the real AWS APIs over HTTP (DynamoDB, SQS, KMS, Secrets Manager, S3, CloudFormation).
 * If the machine's Python has no moto, one is installed into {@code target/moto-venv}; if that is
 * impossible too, the tests that need it are aborted with a loud message instead of passing silently.
 */
public final class MotoServer {

    public static final String REGION = "ap-southeast-2";
    private static MotoServer shared;

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static synchronized MotoServer shared() {
        if (shared == null) {
            shared = start();
            MotoServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "moto-stop"));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    public DynamoDbClient dynamo() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .build();
    }

    /**
     * Any AWS SDK client pointed at this server, e.g. {@code moto.client(SqsClient.builder())} or
     * {@code moto.client(S3Client.builder().forcePathStyle(true))}.
     */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .build();
    }

    private static MotoServer start() {
        String python = python();
        int port = freePort();
        Path log = Path.of("target", "moto-" + port + ".log");
        try {
            Files.createDirectories(log.getParent());
            Path script = Path.of("target", "moto_server.py");
            try (var in = MotoServer.class.getResourceAsStream("/moto/moto_server.py")) {
                Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Process p = new ProcessBuilder(python, script.toString(), "127.0.0.1", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                if (!p.isAlive()) {
                    throw loud("moto server exited at start; see " + log.toAbsolutePath());
                }
                if (answers(endpoint)) {
                    return new MotoServer(p, endpoint);
                }
                Thread.sleep(200);
            }
            p.destroyForcibly();
            throw loud("moto server did not answer within 60 s; see " + log.toAbsolutePath());
        } catch (IOException e) {
            throw loud("cannot start moto server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Python that has moto: the machine's, or a private virtual environment. */
    private static String python() {
        if (run(List.of("python3", "-c", "import moto.server"))) {
            return "python3";
        }
        Path venv = Path.of("target", "moto-venv").toAbsolutePath();
        String venvPython = venv.resolve("bin/python").toString();
        if (Files.exists(Path.of(venvPython)) && run(List.of(venvPython, "-c", "import moto.server"))) {
            return venvPython;
        }
        if (run(List.of("python3", "-m", "venv", venv.toString()))
                && run(List.of(venvPython, "-m", "pip", "install", "--quiet", "moto[server]>=5,<6"))) {
            return venvPython;
        }
        throw loud("moto is not installed and could not be installed into " + venv
                + " (needs python3 and access to PyPI)");
    }

    private static boolean run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean answers(URI endpoint) {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static TestAbortedException loud(String message) {
        String banner = "\n" + "!".repeat(100) + "\n!!! AWS integration tests NOT RUN: " + message + "\n" + "!".repeat(100);
        System.err.println(banner);
        System.out.println(banner);
        return new TestAbortedException(message);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
