# Multi-stage build: the JDK and Maven stay in the build stage; the runtime image holds a JRE, the
# application in Spring Boot's layers (dependencies change less often than our code) and nothing else.

FROM eclipse-temurin:17.0.15_6-jdk-jammy AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY routes routes
COPY openapi openapi
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/monoova-payouts-*.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:17.0.15_6-jre-jammy
RUN groupadd --system --gid 10001 payouts \
 && useradd --system --uid 10001 --gid payouts --home-dir /app --shell /usr/sbin/nologin payouts \
 && mkdir -p /app /data \
 && chown payouts:payouts /data \
 && chmod 0700 /data
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001:10001
ENV PAYOUTS_DATA_DIR=/data \
    SERVER_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Djava.security.egd=file:/dev/urandom"
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
