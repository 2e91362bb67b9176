// Preloaded into the built server (NODE_OPTIONS="--require <this file>") for the fault matrix's DNS case:
// every host-name lookup fails at once with ENOTFOUND, as the resolver answers for a name that does not
// exist, so the case sends nothing beyond the process (not even a DNS query). Each refused lookup is
// noted on stderr, so the test can tell the failure was this one and not the machine's resolver.

const dns = require("node:dns");

function notFound(hostname) {
  process.stderr.write(`dns-failure preload: lookup of ${hostname} refused in-process\n`);
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", errno: -3008, syscall: "getaddrinfo", hostname });
}

dns.lookup = (hostname, options, callback) => {
  process.nextTick(typeof options === "function" ? options : callback, notFound(hostname));
};
dns.promises.lookup = async (hostname) => {
  throw notFound(hostname);
};
