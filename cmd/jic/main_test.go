package main_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var bin string

// TestMain builds jic once; the tests run it as a user would.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "jic-cli-test-")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "jic")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs jic with args and returns stdout, stderr and the exit code.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "JIC_DATA=", "JIC_DATABASE=", "JIC_CONFIG=")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func wantExit(t *testing.T, what string, code, want int, stderr string) {
	t.Helper()
	if code != want {
		t.Fatalf("%s: exit %d, want %d; stderr: %s", what, code, want, stderr)
	}
}

const reports = `{"title":"Floods in Baghdad","text":"Heavy rains flooded the Iraqi capital.","language":"en","source":"Wire"}
{"title":"فيضانات في بغداد","text":"أغرقت الأمطار الغزيرة شوارع العاصمة العراقية.","source":"Wire"}
{"titel":"misspelled field"}
`

func TestInitIngestSearchBackupRestore(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	out, errOut, code := run(t, "", "init", "--data", data, "--member", "Alpha Agency")
	wantExit(t, "init", code, 0, errOut)
	if !regexp.MustCompile(`Password: +\S{12,}`).MatchString(out) {
		t.Errorf("init printed %q, want a generated password", out)
	}
	_, errOut, code = run(t, "", "init", "--data", data)
	wantExit(t, "init again", code, 4, errOut)

	file := filepath.Join(dir, "r.jsonl")
	os.WriteFile(file, []byte(reports), 0o600)
	out, errOut, code = run(t, "", "ingest", "--data", data, file)
	wantExit(t, "ingest with a bad line", code, 2, errOut)
	if !strings.Contains(out, "added 2, duplicate 0, rejected 1") || !strings.Contains(errOut, `r.jsonl:3: unknown field "titel"`) {
		t.Errorf("ingest printed %q / %q, want the summary and the reason", out, errOut)
	}
	out, _, _ = run(t, "", "ingest", "--data", data, "--json", file)
	var sum struct{ Added, Duplicate, Rejected int }
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Duplicate != 2 || sum.Added != 0 {
		t.Errorf("ingest again --json = %q, want 2 duplicates", out)
	}
	_, errOut, code = run(t, "", "ingest", "--data", data, "--format", "text", "-")
	wantExit(t, "ingest empty stdin", code, 2, errOut)

	out, errOut, code = run(t, "", "search", "--data", data, "فيضان")
	wantExit(t, "search", code, 0, errOut)
	if !strings.Contains(out, "بغداد") || !strings.Contains(out, "1 hits") {
		t.Errorf("search printed %q, want the Arabic report", out)
	}
	_, errOut, code = run(t, "", "search", "--data", data, "--since", "last week", "x")
	wantExit(t, "search with a bad date", code, 2, errOut)
	_, errOut, code = run(t, "", "search", "--data", filepath.Join(dir, "nothing"), "x")
	wantExit(t, "search without init", code, 3, errOut)

	backup := filepath.Join(dir, "b.jicb")
	_, errOut, code = run(t, "", "backup", "--data", data, backup)
	wantExit(t, "backup", code, 0, errOut)
	data2 := filepath.Join(dir, "data2")
	_, errOut, code = run(t, "", "restore", "--data", data2, backup)
	wantExit(t, "restore", code, 0, errOut)
	out, _, _ = run(t, "", "search", "--data", data2, "--json", "flooding")
	if !strings.Contains(out, "Floods in Baghdad") {
		t.Errorf("search after restore = %q", out)
	}
	_, errOut, code = run(t, "", "restore", "--data", data2, backup)
	wantExit(t, "restore into data", code, 4, errOut)

	corrupt := filepath.Join(dir, "corrupt.jicb")
	os.WriteFile(corrupt, []byte("not a backup"), 0o600)
	_, errOut, code = run(t, "", "restore", "--data", data2, "--replace", corrupt)
	wantExit(t, "restore --replace of a corrupt file", code, 2, errOut)
	if !strings.Contains(errOut, "not a jic backup") {
		t.Errorf("stderr %q, want the reason", errOut)
	}
	out, _, _ = run(t, "", "search", "--data", data2, "flooding")
	if !strings.Contains(out, "1 hits") {
		t.Errorf("after a refused restore the data changed: %q", out)
	}
	_, errOut, code = run(t, "", "restore", "--data", data2, "--replace", backup)
	wantExit(t, "restore --replace", code, 0, errOut)

	out, errOut, code = run(t, "", "audit", "verify", "--data", data2)
	wantExit(t, "audit verify", code, 0, errOut)
	if !strings.Contains(out, "chain intact") {
		t.Errorf("audit verify printed %q", out)
	}
	out, _, _ = run(t, "", "audit", "export", "--data", data2)
	if n := strings.Count(out, "\n"); n < 4 || !strings.Contains(out, `"action":"backup.restore"`) {
		t.Errorf("audit export = %d lines, want the events up to the restore:\n%s", n, out)
	}
}

// start runs a long-lived jic command and returns the URL it prints.
func start(t *testing.T, args ...string) (string, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "JIC_DATA=", "JIC_DATABASE=")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	re := regexp.MustCompile(`http://[0-9.:]+/`)
	deadline := time.After(60 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("jic exited before printing its address")
			}
			if u := re.FindString(line); u != "" {
				go func() {
					for range lines {
					}
				}()
				return u, cmd
			}
		case <-deadline:
			t.Fatal("jic did not print its address in 60s")
		}
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestServe(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	run(t, "", "init", "--data", data)
	token, errOut, code := run(t, "", "token", "create", "--data", data, "--user", "admin", "--expires", "1h")
	wantExit(t, "token create", code, 0, errOut)
	token = strings.TrimSpace(token)
	url, cmd := start(t, "serve", "--data", data, "--addr", "127.0.0.1:0")
	if st, _ := get(t, url+"readyz"); st != 200 {
		t.Errorf("readyz = %d", st)
	}
	if st, _ := get(t, url+"api/search?q=x"); st != 401 {
		t.Errorf("search without credentials and without --publish-clear = %d, want 401", st)
	}
	req, _ := http.NewRequest("POST", url+"api/reports", strings.NewReader(`{"title":"Token test","text":"This report was pushed with a token and must be processed by the workers of serve."}`))
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 201 {
		t.Fatalf("POST with the token = %v, %v; want 201", res.StatusCode, err)
	}
	var added struct{ ID int64 }
	json.NewDecoder(res.Body).Decode(&added)
	res.Body.Close()
	// serve's workers process the report: its language stage appears.
	deadline := time.Now().Add(30 * time.Second)
	for {
		req, _ := http.NewRequest("GET", fmt.Sprintf("%sapi/reports/%d", url, added.ID), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(body), `"name":"language"`) {
			if !strings.Contains(string(body), `"language":"en"`) {
				t.Errorf("processed report = %s, want language en", body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the report was not processed in 30s: %s", body)
		}
		time.Sleep(200 * time.Millisecond)
	}
	out, _, _ := run(t, "", "token", "list", "--data", data, "--user", "admin")
	if !strings.Contains(out, "active") || !strings.Contains(out, "last used") {
		t.Errorf("token list = %q, want an active, used token", out)
	}
	_, errOut, code = run(t, "", "token", "create", "--data", data, "--user", "nobody")
	wantExit(t, "token create for an unknown user", code, 3, errOut)
	_, errOut, code = run(t, "", "restore", "--data", data, "--replace", "/dev/null")
	wantExit(t, "restore --replace while serving", code, 4, errOut)
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after SIGTERM: %v, want a clean exit", err)
	}
}

func TestDemo(t *testing.T) {
	url, _ := start(t, "demo", "--addr", "127.0.0.1:0")
	for _, q := range []string{"Syria", "%D8%B3%D9%88%D8%B1%D9%8A%D8%A7", "%D0%A1%D0%B8%D1%80%D0%B8%D1%8F", "%C3%A9lections"} {
		st, body := get(t, url+"api/search?q="+q)
		if st != 200 || strings.Count(body, `"id":`) < 2 {
			t.Errorf("demo search %s = %d, %d hits; want several", q, st, strings.Count(body, `"id":`))
		}
	}
	if st, body := get(t, url); st != 200 || !strings.Contains(body, "reports you can see") {
		t.Errorf("demo home = %d", st)
	}
}

// TestNamesFile checks that a bad line in the operator's alias registry
// stops a worker with the file and the line named.
func TestNamesFile(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	_, errOut, code := run(t, "", "init", "--data", data, "--member", "Alpha Agency")
	wantExit(t, "init", code, 0, errOut)
	names := filepath.Join(dir, "names.tsv")
	os.WriteFile(names, []byte("org:acme\torganization\ten\tAcme Relief\norg:bad\tplanet\ten\tMars\n"), 0o600)
	os.WriteFile(filepath.Join(data, "jic.json"), []byte(`{"names_file": `+strconv.Quote(names)+`}`), 0o600)
	_, errOut, code = run(t, "", "worker", "--data", data)
	wantExit(t, "worker with a bad names file", code, 2, errOut)
	if !strings.Contains(errOut, "names.tsv") || !strings.Contains(errOut, "line 2") {
		t.Errorf("worker said %q, want the file and line 2 named", errOut)
	}
}
