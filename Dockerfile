# Build stage: the full toolchain, thrown away afterwards.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin rundbrief \
 && strip target/release/rundbrief \
 && mkdir /data

# Final stage: glibc and CA certificates only, no shell, running as an unprivileged user.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /src/target/release/rundbrief /usr/local/bin/rundbrief
COPY --from=build --chown=65532:65532 /data /data
ENV RUNDBRIEF_DATA_DIR=/data \
    RUNDBRIEF_LISTEN=0.0.0.0:8080
VOLUME ["/data"]
EXPOSE 8080
USER nonroot
ENTRYPOINT ["/usr/local/bin/rundbrief"]
CMD ["serve"]
