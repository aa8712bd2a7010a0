// Command note-verify checks an ejournal checkpoint note with the reference Go packages:
// golang.org/x/mod/sumdb/note opens the signed note with the log's verifier key, and
// github.com/transparency-dev/formats/log parses the checkpoint it signs. Witness
// cosignatures (c2sp.org/tlog-cosignature, type 0x04 keys) are checked when -witness keys
// are given.
//
//	note-verify -key '<origin>+<hash>+<base64>' [-witness vkey]... [-quorum N] < note
//
// It prints one JSON object (origin, size, root hash, the names whose signatures verified)
// and exits 0, or prints the error and exits 1.
package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/transparency-dev/formats/log"
	"golang.org/x/mod/sumdb/note"
)

type keys []string

func (k *keys) String() string     { return strings.Join(*k, ",") }
func (k *keys) Set(v string) error { *k = append(*k, v); return nil }

func main() {
	var witnesses keys
	logKey := flag.String("key", "", "the log's verifier key")
	quorum := flag.Int("quorum", 0, "how many witness cosignatures are needed")
	flag.Var(&witnesses, "witness", "a witness's cosignature/v1 verifier key (repeatable)")
	flag.Parse()
	if err := run(*logKey, witnesses, *quorum); err != nil {
		fmt.Fprintln(os.Stderr, "note-verify:", err)
		os.Exit(1)
	}
}

func run(logKey string, witnessKeys []string, quorum int) error {
	text, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	logVerifier, err := note.NewVerifier(logKey)
	if err != nil {
		return fmt.Errorf("log key: %w", err)
	}
	var others []note.Verifier
	for _, k := range witnessKeys {
		v, err := newCosignatureVerifier(k)
		if err != nil {
			return fmt.Errorf("witness key %q: %w", k, err)
		}
		others = append(others, v)
	}
	checkpoint, _, n, err := log.ParseCheckpoint(text, logVerifier.Name(), logVerifier, others...)
	if err != nil {
		return err
	}
	var verified []string
	for _, s := range n.Sigs {
		verified = append(verified, s.Name)
	}
	if len(verified)-1 < quorum {
		return fmt.Errorf("%d witness cosignatures, %d needed", len(verified)-1, quorum)
	}
	return json.NewEncoder(os.Stdout).Encode(map[string]any{
		"origin":     checkpoint.Origin,
		"size":       checkpoint.Size,
		"hash":       base64.StdEncoding.EncodeToString(checkpoint.Hash),
		"verifiedBy": verified,
	})
}

// cosignatureVerifier checks c2sp.org/tlog-cosignature cosignature/v1 signatures:
// Ed25519 over "cosignature/v1\ntime <t>\n<checkpoint>", the signature bytes being the
// 8-byte big-endian time followed by the 64-byte signature.
type cosignatureVerifier struct {
	name string
	hash uint32
	key  ed25519.PublicKey
}

func (v *cosignatureVerifier) Name() string    { return v.name }
func (v *cosignatureVerifier) KeyHash() uint32 { return v.hash }
func (v *cosignatureVerifier) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig)
	signed := fmt.Sprintf("cosignature/v1\ntime %d\n%s", t, msg)
	return ed25519.Verify(v.key, []byte(signed), sig[8:])
}

func newCosignatureVerifier(vkey string) (note.Verifier, error) {
	name, rest, ok := strings.Cut(vkey, "+")
	if !ok {
		return nil, errors.New("malformed verifier key")
	}
	hash16, key64, ok := strings.Cut(rest, "+")
	if !ok {
		return nil, errors.New("malformed verifier key")
	}
	hash, err := strconv.ParseUint(hash16, 16, 32)
	if err != nil || len(hash16) != 8 {
		return nil, errors.New("malformed key hash")
	}
	key, err := base64.StdEncoding.DecodeString(key64)
	if err != nil || len(key) != 1+ed25519.PublicKeySize || key[0] != 0x04 {
		return nil, errors.New("not a cosignature/v1 key")
	}
	h := sha256.New()
	h.Write([]byte(name + "\n"))
	h.Write(key)
	if binary.BigEndian.Uint32(h.Sum(nil)) != uint32(hash) {
		return nil, errors.New("key hash does not match")
	}
	return &cosignatureVerifier{name: name, hash: uint32(hash), key: ed25519.PublicKey(key[1:])}, nil
}
