// Command ferretdb serves the MongoDB wire protocol on top of PostgreSQL
// using embedded FerretDB; it is built from source because `go install` of
// FerretDB's own binary panics without its generated version file.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/FerretDB/wire/wireclient"
)

func envOr(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

func main() {
	listen := flag.String("listen-addr", envOr("FERRETDB_LISTEN_ADDR", "127.0.0.1:57017"), "TCP listen address [$FERRETDB_LISTEN_ADDR]")
	pgURL := flag.String("postgresql-url", os.Getenv("FERRETDB_POSTGRESQL_URL"), "PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:55432/ferretdb [$FERRETDB_POSTGRESQL_URL]")
	logLevel := flag.String("log-level", envOr("FERRETDB_LOG_LEVEL", "info"), "debug, info, warn or error [$FERRETDB_LOG_LEVEL]")
	ping := flag.String("ping", "", "instead of serving, send a MongoDB ping command to this host:port; exit 0 if it answers ok")
	flag.Parse()

	if *ping != "" {
		if err := pingServer(*ping); err != nil {
			fmt.Fprintln(os.Stderr, "ping:", err)
			os.Exit(1)
		}
		return
	}

	if err := run(*listen, *pgURL, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}

func run(listen, pgURL, logLevel string) error {
	if pgURL == "" {
		return fmt.Errorf("-postgresql-url (or FERRETDB_POSTGRESQL_URL) is required")
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("-log-level: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: listen},
		Logger:        logger,
		Handler:       "postgresql",
		PostgreSQLURL: pgURL,
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	// Run returns once the listener, all client connections and the backend are closed.
	return f.Run(ctx)
}

// pingServer uses FerretDB's own wire client (already a FerretDB dependency)
// so the readiness check needs neither the MongoDB driver nor mongosh.
// FerretDB answers `ping` only after querying PostgreSQL, so this checks the backend too.
func pingServer(addr string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()

	conn, err := wireclient.Connect(ctx, "mongodb://"+addr+"/", slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer conn.Close()

	return conn.Ping(ctx) // honors ctx's deadline, so a hung server fails instead of blocking
}
