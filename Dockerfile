# Multi-stage build: the JDK and Maven stay in the build stage; the runtime image holds a JRE, the
# application in Spring Boot's layers (dependencies change less often than our code) and nothing else.
#
# Base images: Eclipse Temurin 17.0.15+6 on Ubuntu 22.04 (jammy), the same release in both stages.
# Bump both tags together. For byte-for-byte reproducible builds, pin them by digest as well
# (eclipse-temurin:17.0.15_6-jre-jammy@sha256:...) once they are mirrored into your registry.
# Build and push: docs/deploy.md. DockerfileTest and DockerImageLayoutIT check this file.

FROM eclipse-temurin:17.0.15_6-jdk-jammy AS build
WORKDIR /src
# The build definition first: this layer (all dependencies) is rebuilt only when it changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src/main src/main
COPY routes routes
COPY openapi openapi
# Tests run in CI, not here (and src/test is not in the build context, see .dockerignore).
RUN ./mvnw -B -q -Dmaven.test.skip=true package \
 && java -Djarmode=tools -jar target/monoova-payouts-*.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:17.0.15_6-jre-jammy
LABEL org.opencontainers.image.title="monoova-payouts" \
      org.opencontainers.image.description="Customer payouts through the Monoova Payments API" \
      org.opencontainers.image.base.name="eclipse-temurin:17.0.15_6-jre-jammy"
# The HEALTHCHECK uses curl, which the Temurin Ubuntu images install (adoptium/containers keeps it
# "for historical reasons", issue 255): fail the build rather than ship a health check that cannot run.
# /data (embedded default only) belongs to the application user; /tmp stays world-writable. Both are
# VOLUMEs, so with a read-only root file system (ECS task definition) they are the only writable
# paths, and Fargate copies these permissions onto its bind mounts.
RUN command -v curl >/dev/null \
 && groupadd --system --gid 10001 payouts \
 && useradd --system --uid 10001 --gid payouts --home-dir /app --shell /usr/sbin/nologin payouts \
 && mkdir -p /app /data \
 && chown payouts:payouts /data \
 && chmod 0700 /data
WORKDIR /app
# Owned by root and read-only for the application user: the process cannot change its own code.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001:10001
# No credentials here or anywhere in the image: AWS credentials come from the task role, Monoova's
# from Secrets Manager (aws profile) or the environment at run time.
ENV PAYOUTS_DATA_DIR=/data \
    SERVER_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Djava.security.egd=file:/dev/urandom"
VOLUME ["/data", "/tmp"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
