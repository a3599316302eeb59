// Labels a pull request, and annotates its files, when it changes more than contributors' pages (issue 27).
//
// Run by .github/workflows/pull-request-labels.yml on 'pull_request_target', from the base branch: this file
// and the workflow are the maintainers' versions, and no file of the pull request is checked out or run. The
// pull request is only read through the API (its list of files), so a fork's branch can label itself but
// never change how. Contributors' pages are practices/ and the hand-written pages (docs/*.md); everything
// else (build code, templates, workflows, mkdocs.yml, the site's scripts) is for a maintainer to review, and so
// is a binary file anywhere: its content does not show in the pull request.

const OUTSIDE = "buiten-practices";
const BINARY = "binair-bestand";
const BINARY_EXTENSIONS = /\.(pyc|pyo|so|dll|dylib|exe|bin|sqlite3?|db|cache|pickle|pkl|zip|gz|tgz|bz2|xz|7z|tar|jar|whl|pdf|png|jpe?g|gif|webp|ico|woff2?|ttf|otf|mp[34]|mov)$/i;

function isContent(path) {
  return path.startsWith("practices/") || /^docs\/[^/]+\.md$/.test(path);
}

// GitHub gives no patch for a binary file (and no line counts); a known binary extension counts too.
function isBinary(file) {
  if (file.status === "removed") return false;
  const noText = file.patch === undefined && file.additions === 0 && file.deletions === 0 && file.status !== "renamed";
  return noText || BINARY_EXTENSIONS.test(file.filename);
}

function findings(files) {
  const outside = files.filter((f) => !isContent(f.filename) || (f.previous_filename && !isContent(f.previous_filename)));
  const binary = files.filter(isBinary);
  return { outside, binary };
}

async function setLabel(github, context, name, wanted, present) {
  const issue = { owner: context.repo.owner, repo: context.repo.repo, issue_number: context.payload.pull_request.number };
  if (wanted && !present.has(name)) await github.rest.issues.addLabels({ ...issue, labels: [name] });
  if (!wanted && present.has(name)) await github.rest.issues.removeLabel({ ...issue, name });
}

async function run({ github, context, core }) {
  const pr = context.payload.pull_request;
  const files = await github.paginate(github.rest.pulls.listFiles, {
    owner: context.repo.owner,
    repo: context.repo.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  const { outside, binary } = findings(files);
  for (const f of outside) {
    core.warning(
      "Dit bestand staat buiten practices/ en de handgeschreven pagina's (docs/*.md). Een beheerder kijkt deze wijziging na.",
      { file: f.filename, title: "Wijziging buiten de inhoud" },
    );
  }
  for (const f of binary) {
    core.warning("Dit is een binair bestand: de inhoud is in de pull request niet te lezen. Een beheerder kijkt het na.", {
      file: f.filename,
      title: "Binair bestand",
    });
  }
  const present = new Set((pr.labels || []).map((l) => l.name));
  await setLabel(github, context, OUTSIDE, outside.length > 0, present);
  await setLabel(github, context, BINARY, binary.length > 0, present);
  core.info(`${files.length} bestand(en): ${outside.length} buiten de inhoud, ${binary.length} binair.`);
}

module.exports = { run, findings, isContent, isBinary, OUTSIDE, BINARY };
