# Velodrome's container image: `docker build -t velodrome .`; a pod's args are a subcommand
# (`fetch --repository kubernetes/kubernetes ...`). See docs/deploying.md.

# Build: a release binary with the Swift runtime linked in, so the runtime image needs no toolchain.
FROM swift:6.3-noble AS build
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Package.resolved, when the checkout has one (`swift package resolve` writes it; git does not
# keep it), pins every dependency to the versions the tests ran with.
COPY Package.swift Package.resolved* ./
COPY Sources ./Sources
# SwiftPM reads every target of Package.swift, the test targets too.
COPY Tests ./Tests
RUN if [ -f Package.resolved ]; then set -- --force-resolved-versions; fi \
    && swift build -c release --product velodrome --static-swift-stdlib "$@" \
    && cp "$(swift build -c release --show-bin-path)/velodrome" /velodrome

# Run: the libraries the binary links (SQLite, libcurl for Foundation's HTTP), CA certificates
# for api.github.com, and a non-root user; versions come with the base image's security updates.
FROM ubuntu:24.04
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libcurl4t64 libsqlite3-0 tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 65532 --user-group --no-create-home --shell /usr/sbin/nologin velodrome
COPY --from=build /velodrome /usr/local/bin/velodrome
COPY config.yaml /etc/velodrome/config.yaml
ENV VELODROME_CONFIG=/etc/velodrome/config.yaml
USER 65532:65532
WORKDIR /tmp
ENTRYPOINT ["velodrome"]
CMD ["help"]
