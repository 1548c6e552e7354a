# One image for the gateway and the three subgraphs; SERVICE picks which runs.
# Build: docker build -t lmc-platform .   (no embedded store: production uses MongoDB URIs)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run compose && npm run codegen && npx tsc --noEmit && npm run dashboard:build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
USER node
# SERVICE: gateway | political-security | economy | social-cultural
ENV SERVICE=gateway
CMD ["sh", "-c", "if [ \"$SERVICE\" = gateway ]; then exec node --import tsx gateway/main.ts; else exec node --import tsx subgraphs/$SERVICE/main.ts; fi"]
