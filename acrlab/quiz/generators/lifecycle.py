"""Generators about storage, deletes, purge, retention and token permissions (answers simulated)."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from . import facts as F
from .base import multiple, single


def storage_after_pushes(rng: random.Random, seed: int):
    base = {"base": rng.choice([30, 80, 120, 200])}
    pool = {f"L{k}": rng.choice([5, 10, 15, 25, 40, 60]) for k in range(1, 6)}
    images = []
    for n in range(rng.randint(2, 4)):
        layers = ["base"] + rng.sample(sorted(pool), rng.randint(1, 2))
        images.append((f"app{n + 1}:v1", layers))
    sizes = {**base, **pool}
    unique = sorted({lay for _, ls in images for lay in ls})
    dedup = sum(sizes[x] for x in unique)
    naive = sum(sizes[x] for _, ls in images for x in ls)
    desc = "; ".join(f"{name} = " + " + ".join(f"{x} ({sizes[x]} MB)" for x in ls) for name, ls in images)
    return single(rng, gen="storage-after-pushes", seed=seed, section="5", objective="acr.images",
                  difficulty="hard",
                  stem=f"You push these images to one empty registry: {desc}. How much layer storage does the "
                       "registry use?",
                  correct=f"{dedup} MB", right_why="Each distinct layer is stored once per registry: "
                                                   + " + ".join(str(sizes[x]) for x in unique) + f" = {dedup}.",
                  wrong=[(f"{naive} MB", "That counts shared layers once per image; ACR deduplicates them."),
                         (f"{dedup - base['base']} MB", "The shared base layer is stored once, not zero times."),
                         (f"{naive - base['base']} MB", "Only part of the duplication was removed."),
                         (f"{dedup + base['base']} MB", "The base layer is stored only once."),
                         (f"{naive + base['base']} MB", "Layers are deduplicated, not added once more per image."),
                         (f"{max(sizes[x] for x in unique)} MB", "Every distinct layer is stored, not only the largest.")],
                  doc="container-registry-storage", source=["storage-dedup"],
                  explanation="ACR deduplicates layers within a registry, so storage is the sum of distinct layers.")


def purge_survivors(rng: random.Random, seed: int):
    repo = rng.choice(["web", "api", "worker"])
    other = "batch"
    tags = []
    for k in range(rng.randint(5, 8)):
        tags.append({"repo": repo, "tag": f"1.{k}", "age": rng.randrange(1, 120), "locked": rng.random() < 0.2})
    tags.append({"repo": other, "tag": "2.0", "age": rng.randrange(40, 200), "locked": False})
    ago = rng.choice([7, 30, 60, 90])
    keep = rng.choice([0, 0, 1, 2])
    # acr purge: delete tags in matching repos older than --ago, skipping write-disabled ones; --keep N
    # keeps the N most recently modified of the to-be-deleted tags.
    victims = sorted((t for t in tags if t["repo"] == repo and t["age"] > ago and not t["locked"]),
                     key=lambda t: t["age"])
    deleted = victims[keep:]
    survivors = len(tags) - len(deleted)
    listing = ", ".join(f"{t['repo']}:{t['tag']} ({t['age']} days{', write-disabled' if t['locked'] else ''})"
                        for t in tags)
    cmd = f"acr purge --filter '{repo}:.*' --ago {ago}d" + (f" --keep {keep}" if keep else "")
    eligible = [t for t in tags if t["repo"] == repo and t["age"] > ago]
    return single(rng, gen="purge-survivors", seed=seed, section="11", objective="acr.lifecycle", difficulty="hard",
                  stem=f"A registry has these tags (days since last update): {listing}. You run {cmd}. "
                       "How many tags are left in the registry?",
                  correct=str(survivors),
                  right_why=f"{len(deleted)} tag(s) of {repo} older than {ago} days are deleted"
                            + (f" after keeping the {keep} newest" if keep else "") + "; locked tags and other "
                            "repositories are untouched.",
                  wrong=[(str(len(tags) - len(eligible)), "Write-disabled tags are skipped" +
                          (" and --keep spares the newest candidates." if keep else ".")),
                         (str(len(tags) - len(victims)), "--keep keeps the newest of the tags to be deleted."),
                         (str(len(tags) - len(deleted) - 1), "The batch repository does not match the filter."),
                         (str(len(tags)), "Tags older than --ago in the filtered repository are deleted."),
                         (str(sum(1 for t in tags if t['age'] <= ago)), "Tags in other repositories and locked "
                                                                         "tags also remain."),
                         *_near_misses(survivors, len(tags))],
                  doc="container-registry-auto-purge", source=["purge-ago", "purge-keep", "purge-write-enabled"],
                  explanation="acr purge deletes tags matching --filter that were last modified more than --ago ago, "
                              "skips write-disabled tags, and --keep N keeps the N newest of those candidates.")


def _near_misses(answer: int, total: int) -> list[tuple[str, str]]:
    """Counts one or two away from the right one (always enough distinct distractors), within 0..total."""
    out = []
    for delta in (1, -1, 2, -2, 3, -3, 4, -4):
        n = answer + delta
        if 0 <= n <= total and len(out) < 3:
            out.append((str(n), f"Count again: {'fewer' if delta > 0 else 'more'} tags are deleted than this answer "
                                 "assumes; apply --ago, the filter, --keep and the locks one by one."))
    return out


def retention_deletion_date(rng: random.Random, seed: int):
    enabled = date(2025, 1, 1) + timedelta(days=rng.randrange(200))
    days = rng.choice([0, 1, 7, 14, 30, 90, 365])
    untagged = enabled + timedelta(days=rng.randrange(-20, 40))
    locked = rng.random() < 0.2
    if untagged < enabled or locked:
        answer = "It is never deleted by the policy"
        why = ("Only manifests untagged after the policy was enabled are covered." if untagged < enabled
               else "Manifests with deleteEnabled=false are skipped.")
    else:
        answer = (untagged + timedelta(days=days)).isoformat()
        why = f"Deletion is scheduled at untag time + {days} days."
    stem = (f"On {enabled.isoformat()} a Premium registry enables retention with --days {days}. "
            f"A manifest becomes untagged on {untagged.isoformat()}"
            + (" and has deleteEnabled=false" if locked else "") + ". When does the policy delete it?")
    wrong = [((untagged + timedelta(days=days)).isoformat(), "The policy does not apply to this manifest." if answer.startswith("It")
              else "unused"),
             ((enabled + timedelta(days=days)).isoformat(), "The clock starts when the manifest is untagged, "
                                                            "not when the policy is enabled."),
             ((untagged + timedelta(days=days + 7)).isoformat(), "No extra 7 days are added; 7 is only the default."),
             ("It is never deleted by the policy", "The manifest was untagged after enabling and is not locked."),
             ((untagged + timedelta(days=7)).isoformat(), f"--days {days} overrides the default of 7."),
             ((untagged + timedelta(days=days + 1)).isoformat(), "No extra day is added: deletion is due exactly "
                                                                   f"{days} day(s) after the untag."),
             ((enabled + timedelta(days=days + 7)).isoformat(), "Neither the enable date nor the default of 7 days "
                                                                 "sets the date.")]
    wrong = [(t, w) for t, w in wrong if t != answer and w != "unused"]
    return single(rng, gen="retention-deletion-date", seed=seed, section="6.2", objective="acr.lifecycle",
                  difficulty="hard", stem=stem, correct=answer, right_why=why, wrong=wrong,
                  doc="container-registry-retention-policy", source=["retention-deletes", "retention-after-enable", "retention-delete-enabled"],
                  explanation="Retention (Premium, 0-365 days, default 7) schedules deletion at untag time + N days for "
                              "manifests untagged after it was enabled, unless deleteEnabled is false.")


def _matches(pattern: str, repo: str) -> bool:
    if pattern == "*":
        return True
    if pattern.endswith("/*"):
        return repo.startswith(pattern[:-1])
    return pattern == repo


def token_permissions(rng: random.Random, seed: int):
    acts = ["content/read", "content/write", "content/delete", "metadata/read", "metadata/write"]
    repos = ["samples/teamA/app", "samples/teamB/app", "samples/teamA/web", "tools/ci"]
    for _ in range(200):
        rules = []
        for pat in rng.sample(["samples/*", "samples/teamA/*", "samples/teamA/app", "tools/ci", "*"], 3):
            rules.append((pat, sorted(rng.sample(acts, rng.randint(1, 2)))))
        repo = rng.choice(repos)
        granted = {a for pat, al in rules if _matches(pat, repo) for a in al}  # wildcard rules are additive
        options = [(op, need <= granted, "") for op, need in F.ACTION_OPS.items()]
        n_ok = sum(o[1] for o in options)
        if 2 <= n_ok < len(options):
            break
    else:  # pragma: no cover - 200 draws always find a mix in practice
        raise RuntimeError("could not draw a mixed token scenario")
    rules_txt = "; ".join(f"{p}: {' '.join(a)}" for p, a in rules)
    options = [(op, ok, ("Allowed" if ok else "Not allowed") + f": needs {', '.join(sorted(F.ACTION_OPS[op]))}; "
                f"the token has {', '.join(sorted(granted)) or 'nothing'} on {repo}.") for op, ok, _ in options]
    return multiple(gen="token-permissions", seed=seed, section="3.3", objective="acr.auth.tokens",
                    difficulty="hard",
                    stem=f"A token's scope map has: {rules_txt}. Which operations can the token perform on the "
                         f"repository {repo}? Each correct answer presents a complete solution.",
                    options=options, doc="container-registry-token-based-repository-permissions", source=["tokens-wildcard-additive", "tokens-push-example"],
                    explanation="Rules whose repository pattern matches (exact, trailing /*, or *) add up. Pushing needs "
                                "content/read and content/write; deleting needs content/delete; listing tags needs "
                                "metadata/read; untag/lock needs metadata/write.")


def delete_vs_untag(rng: random.Random, seed: int):
    repo = rng.choice(["web", "api", "shop"])
    m1 = sorted(rng.sample(["1.0", "1.1", "stable", "latest", "prod"], rng.randint(2, 3)))
    m2 = [t for t in ["2.0", "2.1", "edge"] if rng.random() < 0.7] or ["2.0"]
    target = rng.choice(m1)
    op = rng.choice(["delete", "untag"])
    remaining = sorted(m2 + ([t for t in m1 if t != target] if op == "untag" else []))
    cmd = (f"az acr repository delete -n myacr --image {repo}:{target} --yes" if op == "delete"
           else f"az acr repository untag -n myacr --image {repo}:{target}")

    def fmt(tags: list[str]) -> str:
        return ", ".join(sorted(tags)) if tags else "(no tags)"
    alt = sorted(m2 + [t for t in m1 if t != target]) if op == "delete" else sorted(m2)
    return single(rng, gen="delete-vs-untag", seed=seed, section="11", objective="acr.repos", difficulty="hard",
                  stem=f"In repository {repo}, manifest M1 has tags {', '.join(m1)} and manifest M2 has tags "
                       f"{', '.join(m2)}. You run {cmd}. Which tags remain in {repo}?",
                  correct=fmt(remaining),
                  right_why=("delete --image removes manifest M1 with every tag on it." if op == "delete"
                             else "untag removes only that tag; M1 keeps its other tags."),
                  wrong=[(fmt(alt), "That confuses delete (whole manifest, all its tags) with untag (one tag)."),
                         (fmt(sorted(m1 + m2)), "The command does remove something."),
                         (fmt([]), "Only M1 is affected; M2 keeps its tags."),
                         (fmt(sorted([t for t in m1 if t != target])), "M2 is unaffected and keeps its tags.")],
                  doc="container-registry-delete", source=["delete-by-tag", "delete-untag-no-space"],
                  explanation="az acr repository delete --image repo:tag deletes the manifest and all its tags; "
                              "az acr repository untag removes just one tag and frees no storage.")


_ = re  # re is kept for filter-pattern extensions
