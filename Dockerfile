# syntax=docker/dockerfile:1
# Voicefiles API node / pipeline worker. Multi-stage: production dependencies are installed in
# their own stage (npm ci --omit=dev), the runtime stage holds only them and the source (tsx runs
# the TypeScript directly, as `npm start` does), and runs as the unprivileged `node` user.

ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# Offline transcription (pocketsphinx) and audio conversion (sox); TRANSCRIBER=auto uses them.
# Build with --build-arg OFFLINE_TRANSCRIPTION=false for a smaller image (TRANSCRIBER=aws or none).
ARG OFFLINE_TRANSCRIPTION=true
RUN if [ "$OFFLINE_TRANSCRIPTION" = "true" ]; then \
      apt-get update && apt-get install -y --no-install-recommends pocketsphinx pocketsphinx-en-us sox && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    VOICEFILES_DATA_DIR=/var/lib/voicefiles
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
COPY prompts ./prompts
COPY infra/clamav ./infra/clamav
RUN mkdir -p /var/lib/voicefiles && chown node:node /var/lib/voicefiles && chmod 0700 /var/lib/voicefiles
USER node
EXPOSE 8080
# Ready means migrations ran and the database and storage answer (a worker has no HTTP: compose overrides this).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "src/main.ts"]
