# syntax=docker/dockerfile:1

# Build: the Maven wrapper on a full JDK. Dependencies are resolved in their own layer so that a
# source change does not download them again.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:resolve dependency:resolve-plugins
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
    && cp target/tierdeck.jar /tierdeck.jar

# Run: a JRE only, as an unprivileged user (the Helm chart runs the same uid with a read-only root
# filesystem and a writable /tmp).
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 tierdeck \
    && useradd --system --uid 10001 --gid tierdeck --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin tierdeck \
    && mkdir -p /app/.tierdeck \
    && chown tierdeck:tierdeck /app/.tierdeck
WORKDIR /app
COPY --from=build /tierdeck.jar /app/tierdeck.jar
USER 10001:10001
# 8080: the portal (and its actuator endpoints). 9000: the built-in demo identity provider, used only
# when no external issuer is configured.
EXPOSE 8080 9000
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/tierdeck.jar"]
