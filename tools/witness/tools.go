//go:build tools

// The witness this project tests against is torchwood's litewitness (c2sp.org/tlog-witness,
// SQLite through the pure-Go modernc.org/sqlite, its key from an ssh-agent); this file pins
// it and witnessctl in go.mod. tools/infra/lib/witness.sh builds all three commands.
package tools

import (
	_ "filippo.io/torchwood/cmd/litewitness"
	_ "filippo.io/torchwood/cmd/witnessctl"
)
