# Barometer in one container: node runs the compiled server (dist-server/), which serves the built
# app (dist/) and the sync API. Production dependencies only; no compiler, tsx or vite at run time.
# With PostgreSQL: compose.yaml. Without DATABASE_URL it uses SQLite in the /app/data volume.
# README, «Running in production».

# Production dependencies. The compilers are here only for better-sqlite3, should no prebuilt
# binary fit the platform; they stay out of the final image.
FROM node:20-slim AS deps
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev

# The build: every dependency, then the app (vite) and the server (tsc).
FROM deps AS build
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=8080 \
  SQLITE_FILE=/app/data/barometer.sqlite
WORKDIR /app
# package.json is needed at run time: its "type": "module" makes node load dist-server/ as ES modules.
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/dist-server ./dist-server
# Read at start: every published questionnaire version, checked by the engine.
COPY questionnaires ./questionnaires
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME /app/data
EXPOSE 8080
# /healthz: the process answers. /readyz (the database answers, migrations current) is for a load balancer.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is the container's main process: `docker stop` sends it SIGTERM, it closes the server,
# then the database, and exits 0 (within 8 s; Docker's default grace period is 10 s).
CMD ["node", "dist-server/server/start.js"]
