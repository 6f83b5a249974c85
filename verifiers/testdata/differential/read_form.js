// The name/value pairs URLSearchParams reads from each body on stdin.
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(input.map((b) => [...new URLSearchParams(b)])));
