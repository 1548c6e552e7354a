# One image for the gateway and the three subgraphs; SERVICE picks which runs
# (docker-compose.yml). Production uses MongoDB URIs, so the embedded store's
# FerretDB binary is not in the image.  Build: docker build -t lmc-data-platform .

# Build stage: install everything, generate and check, then drop dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run compose \
 && npm run codegen \
 && npx tsc --noEmit \
 && npm run dashboard:build \
 && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: sources, generated files and production dependencies only
# (tsx is one: services run TypeScript through `node --import tsx`).
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only to the service user.
COPY --from=build /app /app
USER node
# SERVICE: gateway | political-security | economy | social-cultural
ENV SERVICE=gateway
EXPOSE 4000 4001 4002 4003
CMD ["sh", "-c", "case \"$SERVICE\" in gateway) exec node --import tsx gateway/main.ts ;; political-security|economy|social-cultural) exec node --import tsx \"subgraphs/$SERVICE/main.ts\" ;; *) echo \"SERVICE must be gateway, political-security, economy or social-cultural (got '$SERVICE')\" >&2; exit 64 ;; esac"]
