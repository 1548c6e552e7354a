// Command lmc-store runs FerretDB 1.24 embedded: a MongoDB wire-protocol
// server backed by SQLite files (or PostgreSQL), for development and tests.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (host:port)")
	sqliteDir := flag.String("sqlite-dir", "", "directory for SQLite files (created if missing); used unless -postgresql-url is set")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL; selects FerretDB's PostgreSQL backend")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn, error")
	exitOnStdinEOF := flag.Bool("exit-on-stdin-eof", false, "stop when standard input closes (the launching process died)")
	flag.Parse()

	conf := ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   newLogger(*logLevel),
	}

	switch {
	case *postgresURL != "":
		conf.Handler = "postgresql"
		conf.PostgreSQLURL = *postgresURL
	case *sqliteDir != "":
		url, err := sqliteURL(*sqliteDir)
		if err != nil {
			fail(err)
		}
		conf.Handler = "sqlite"
		conf.SQLiteURL = url
	default:
		fail(fmt.Errorf("one of -sqlite-dir or -postgresql-url is required"))
	}

	f, err := ferretdb.New(&conf)
	if err != nil {
		fail(err)
	}

	// Stop cleanly on SIGTERM/SIGINT so SQLite's WAL is checkpointed.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *exitOnStdinEOF {
		// A launcher killed with SIGKILL cannot stop us; its pipe closing can.
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	// The launcher reads this line to learn the store is listening.
	fmt.Printf("lmc-store listening on %s (%s)\n", *listen, conf.Handler)
	f.Run(ctx)
}

// sqliteURL makes the file: URL FerretDB wants: absolute, existing, ending in "/".
func sqliteURL(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return "", err
	}
	if !strings.HasSuffix(abs, "/") {
		abs += "/"
	}
	return "file:" + abs, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "lmc-store:", err)
	os.Exit(2)
}

// newLogger writes FerretDB's own logs to stderr at the chosen level.
func newLogger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		fail(fmt.Errorf("bad -log-level %q: %w", level, err))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}
