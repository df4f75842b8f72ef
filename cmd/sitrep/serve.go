package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/api"
	"github.com/sitrep/sitrep/store"
	"github.com/spf13/cobra"
)

type serveOptions struct {
	// process runs the pipeline on text POSTed to the API; nil refuses
	// plain-text ingest.
	process      func(context.Context, *sitrep.Document) error
	addr         string
	token        string
	protectReads bool
	cors         []string
}

func newServeCmd() *cobra.Command {
	var (
		db   string
		opts serveOptions
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the HTTP JSON API and the web UI over a database",
		Long: `serve opens the database (--db) and serves the JSON API under /api/ and the
web UI at /. Reads are open unless --protect-reads; writes (POST and DELETE
/api/v1/documents) need --token or $SITREP_TOKEN, and are refused without one.
CORS is off unless --cors names allowed origins.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.token == "" {
				opts.token = os.Getenv("SITREP_TOKEN")
			}
			p, err := newPipeline(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			opts.process = p.Run
			st, err := store.Open(cmd.Context(), db)
			if err != nil {
				return fmt.Errorf("open %s: %w", db, err)
			}
			defer st.Close()
			return serve(cmd.Context(), cmd.OutOrStdout(), st, opts)
		},
	}
	cmd.Flags().StringVar(&db, "db", "sitrep.db", "SQLite file or postgres:// URL")
	cmd.Flags().StringVar(&opts.addr, "addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().StringVar(&opts.token, "token", "", "bearer token for write endpoints (default $SITREP_TOKEN)")
	cmd.Flags().BoolVar(&opts.protectReads, "protect-reads", false, "require the token on read endpoints too")
	cmd.Flags().StringSliceVar(&opts.cors, "cors", nil, "origins allowed to call the API from a browser")
	return cmd
}

// handler mounts the API under /api/ and the UI at /.
func handler(st store.Store, opts serveOptions) http.Handler {
	a := api.New(st, api.Options{
		Writer:       st,
		Process:      opts.process,
		Token:        opts.token,
		ProtectReads: opts.protectReads,
		CORSOrigins:  opts.cors,
	})
	mux := http.NewServeMux()
	mux.Handle("/api/", a)
	mux.Handle("/", uiHandler())
	return mux
}

// serve listens on opts.addr, prints the URL and serves until ctx ends.
func serve(ctx context.Context, out io.Writer, st store.Store, opts serveOptions) error {
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           handler(st, opts),
		ReadHeaderTimeout: 10 * time.Second,
	}
	host := ln.Addr().String()
	if strings.HasPrefix(host, "0.0.0.0:") || strings.HasPrefix(host, "[::]:") {
		host = "localhost" + host[strings.LastIndexByte(host, ':'):]
	}
	fmt.Fprintf(out, "Serving the UI at http://%s/ (API at http://%s/api/v1/, Ctrl-C to stop)\n", host, host)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
