"""Build pipelines/safety/learned_guard.npz, the prompt guard's learned layer (see pipelines/safety/learned.py).

    PYTHONPATH=$PWD python scripts/build_safety_learned.py

Trains ONLY on the corpus's tuning material (bench/safety.py: the tuning half, fresh ... fresh4, fresh6a, fresh7a
and tuning5 ... tuning9), the studio's own ordinary sentences (`ordinary_material`) and synthetic ordinary
sentences (`synthetic_material`), both as benign examples; the held-out half, fresh5, fresh6b and fresh7b are
never read here. Deterministic (liblinear and lbfgs solvers, fixed fold
and story seeds): the same corpus and studio texts give the same file. Needs scikit-learn (requirements-dev.txt).

The threshold is chosen without looking at any measured set: 5-fold cross-validation on the training material
(folds stratified by unsafe, corpus-ordinary and studio-ordinary), sentences under learned.MIN_WORDS words
and sentences without a partial signal (prompts.partial_signal: no word of harm, body, drug, slur...; widened by
CALIBRATION_SIGNAL) never refused, the lowest probability (0.50 ... 0.99, step 0.01) at which the layer alone
wrongly refuses at most MAX_CV_FALSE of the corpus's ordinary prompts and at most MAX_CV_FALSE_ALL of all the
ordinary material.
"""
from __future__ import annotations

import random
import re
import sys
import tomllib
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.safety import TUNING_SETS, load, roster  # noqa: E402
from pipelines.safety import learned  # noqa: E402
from pipelines.safety.normalise import normalise  # noqa: E402
from pipelines.safety.prompts import (ORDER, _load, cpu_check, has_partial_signal, learned_words,  # noqa: E402
                                      roster_names)
from pipelines.story.spec import AGES, COMPANIONS, HEROES, OBJECTS, PLACES, PROBLEMS, TONES, StorySpec  # noqa: E402
from pipelines.story.writer import write_story  # noqa: E402

TRAINING_HALVES = ("tuning", "fresh", "fresh2", "fresh3", "fresh4", "fresh6a", "fresh7a")
SETS = ("",) + TUNING_SETS + ("fresh", "fresh2", "fresh3", "fresh4", "fresh6", "fresh7")
C = 10.0
MAX_CV_FALSE = 0.0025
MAX_CV_FALSE_ALL = 0.0025  # ... and at most this share of all the ordinary material (corpus and studio sentences)
# The calibration counts a sentence as one the layer may refuse when it has a partial signal OR names any group of
# people ("girls", "boys"): a wider gate than at run time, so the threshold found bounds the false refusals from
# above (with the run-time gate alone it came out at 0.82, and refused more ordinary prompts).
CALIBRATION_SIGNAL = ("GROUP",)
MIN_COUNT = 2  # buckets seen fewer times in training are dropped from the shipped file
ORDINARY_SOURCES = ("assets/locales/*/*.toml", "assets/stories/**/*.toml")
MIN_ORDINARY_WORDS = 3
STORIES = 80  # template stories written for ordinary material, half French, half English
NOT_A_VERB = frozenset({"et", "and", "le", "la", "les", "the", "a", "un", "une", "with", "avec", "de", "of"})
PEOPLE = {"fr": ["un garçon", "une fille", "une femme", "un homme", "un enfant", "mon frère", "ma sœur", "une maman",
                 "un papa", "un monsieur", "une dame", "un bébé", "la maîtresse", "un ado", "une petite fille"],
          "en": ["a boy", "a girl", "a woman", "a man", "a child", "my brother", "my sister", "a mum", "a dad",
                 "the teacher", "a baby", "a teenager", "a little girl", "an old man", "the kids"]}
STYLE = re.compile(r"^children's picture book illustration, [^,]+, [^,]+, [^,]+, ")


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        node = list(node.values())
    return [s for v in node for s in _strings(v)] if isinstance(node, list) else []


def ordinary_material() -> list[str]:
    """The studio's own ordinary sentences, in French and English (interface texts, the guard's refusal sentences,
    story grammars and example books): what children read on the screen and type back, in other words and
    shapes than the corpus's. Placeholders and markup are dropped, values cut into sentences of at least
    MIN_ORDINARY_WORDS words; a sentence the rules refuse is left out (it is no ordinary example)."""
    out = set()
    for pattern in ORDINARY_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            for value in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
                value = re.sub(r"\{[^}]*\}|\[[^\]:]*:|\]|[*_`#]|https?://\S+", " ", value)
                for piece in re.split(r"(?<=[.!?])\s+|\n+", value):
                    piece = " ".join(piece.split())
                    if len(re.findall(r"[^\W\d_]+", piece)) >= MIN_ORDINARY_WORDS:
                        out.add(piece)
    out |= story_material()
    return sorted(s for s in out if not cpu_check(s, learned_layer=False).blocked)


def story_material() -> set[str]:
    """Sentences and picture scenes of STORIES template stories (pipelines/story/writer.py), choices drawn with a
    fixed seed: a child's hero, companion and place told in the ordinary words of a children's book."""
    rng, out = random.Random(0), set()
    heroes = roster()[:8] + ["Zoé", "Tom", "Noah", "Lina"]
    told = {"fr": set(), "en": set()}
    for i in range(STORIES):
        spec = StorySpec(hero_name=rng.choice(heroes), hero=rng.choice(list(HEROES)),
                         companion=rng.choice(list(COMPANIONS)), place=rng.choice(list(PLACES)),
                         object=rng.choice(list(OBJECTS)), problem=rng.choice(list(PROBLEMS)),
                         tone=rng.choice(list(TONES)), reading_age=rng.choice(list(AGES)),
                         language=("fr", "en")[i % 2], pages=8, seed=i)
        for page in write_story(spec).pages:
            sentences = re.split(r"(?<=[.!?])\s+", page.text)
            out.update(sentences)
            out.add(STYLE.sub("", page.scene))
            for sentence in sentences:  # "Zoé traverse la rivière." -> "... qui traverse la rivière"
                found = re.search(rf"\b{re.escape(spec.hero_name)} ([^\W\d_A-Z][^.!?:;»]*)", sentence)
                if found and found.group(1).split()[0] not in NOT_A_VERB:
                    told[spec.language].add(found.group(1).strip(" ,"))
            for piece in STYLE.sub("", page.scene).split(", ")[1:]:  # "playing hide-and-seek with a giant"
                if piece.split()[0].endswith("ing"):
                    told["en"].add(piece)
    for language, actions in told.items():  # a person who does an ordinary thing, the corpus's frame
        for action in sorted(actions):
            person = rng.choice(PEOPLE[language] + ["@"])
            out.add(f"{rng.choice(PEOPLE[language])} {'qui' if language == 'fr' else 'who'} {action}"
                    if not action.split()[0].endswith("ing") else f"{rng.choice(PEOPLE[language])} {action}")
            out.add(f"{person} {action}" if action.split()[0].endswith("ing") else
                    f"{person} {'qui' if language == 'fr' else 'who'} {action}")
    return {s.replace("@", rng.choice(heroes)) for s in out if len(re.findall(r"[^\W\d_]+", s)) >= MIN_ORDINARY_WORDS}


# Ordinary sentences built from many shapes and a child's words, many of them words that look alarming in a
# harmless sense (sleep and waking up, cutting bread, a blood test, fake blood, a game's "kill", a crushing
# score, a predator and its prey, a tale's ogre, a pirate's sword, a battle of history): what a sentence shape
# alone must never refuse.
SYN_PEOPLE = {"fr": ["un garçon", "une fille", "mon petit frère", "ma grande sœur", "un enfant", "une maman",
                     "un papa", "la maîtresse", "un ado", "mon copain", "ma copine", "un monsieur", "une dame",
                     "mon cousin", "mamie", "papi", "un bébé", "une petite fille", "@"],
               "en": ["a boy", "a girl", "my little brother", "my big sister", "a child", "a mum", "a dad",
                      "the teacher", "a teenager", "my friend", "an old man", "a lady", "my cousin", "grandma",
                      "grandpa", "a baby", "a little girl", "@"]}
SYN_ACTIONS = {"fr": [
    "ne veut pas se réveiller pour aller à l'école", "dort encore quand le réveil sonne",
    "ne veut pas se lever le lundi",
    "coupe du pain avec un grand couteau", "épluche des pommes de terre", "fait une prise de sang à l'hôpital",
    "se déguise en vampire avec du faux sang", "tue tous les zombies dans son jeu vidéo",
    "a gagné le match dix à zéro",
    "se fait vacciner chez le médecin", "regarde un lion qui mange une gazelle à la télé", "lit l'histoire de l'ogre",
    "joue au pirate avec une épée en bois", "fait un exposé sur la bataille de Verdun", "est mort de rire",
    "meurt de faim avant le goûter", "lance une bombe à eau sur son cousin", "tire au but pendant le match",
    "se cache sous la couette pendant l'orage", "pleure parce que son poisson rouge est mort", "se coupe les cheveux",
    "se brosse les dents avant de dormir", "prend ses médicaments pour la toux", "boit un sirop contre la toux",
    "tombe de vélo et se fait un bleu au genou", "a mal au ventre après la fête", "chasse les papillons au jardin",
    "pêche des crevettes avec une épuisette", "donne à manger aux canards", "fait cuire un poulet au four",
    "découpe des cœurs dans du papier", "colle des gommettes", "écrase des pommes pour faire de la compote",
    "joue à chat dans la cour", "fait une bataille de boules de neige", "saute dans les flaques",
    "se bat contre un dragon en carton", "raconte une histoire de fantômes", "a peur du loup",
    "a un plâtre au bras", "fait des piqûres à sa poupée pour jouer au docteur", "lave son chien dans la baignoire",
    "met le gâteau au four", "met les glaces au congélateur", "met son linge dans la machine à laver",
    "fait brûler des guimauves au feu de camp", "joue aux jeux vidéo toute la nuit", "se couche très tard",
    "disparaît sous une montagne de coussins",
    "saute du plongeoir à la piscine", "grimpe en haut de l'arbre", "tire à l'arc sur une cible",
    "donne un coup de pied dans le ballon", "frappe la balle avec sa raquette", "casse des œufs pour les crêpes"],
    "en": [
    "doesn't want to wake up for school", "is still asleep when the alarm rings", "hates getting up on Mondays",
    "cuts bread with a big knife", "peels potatoes for dinner", "gets a blood test at the hospital",
    "dresses up as a vampire with fake blood", "kills all the zombies in a video game", "won the game ten to nothing",
    "gets a flu shot at the doctor's", "watches a lion eating a zebra on TV", "reads the story of the ogre",
    "plays pirates with a wooden sword", "does a project on the Battle of Hastings", "is dying of laughter",
    "is starving before snack time", "throws a water balloon at her cousin", "shoots at the goal",
    "hides under the blanket during the storm", "cries because his goldfish died", "cuts her own hair",
    "brushes his teeth before bed", "takes her cough medicine", "falls off his bike and bruises his knee",
    "has a tummy ache after the party", "chases butterflies in the garden", "goes fishing with grandpa",
    "feeds the ducks at the pond", "roasts a chicken in the oven", "cuts out paper hearts",
    "smashes apples to make apple sauce", "plays tag in the playground", "has a snowball fight",
    "jumps in puddles", "fights a cardboard dragon", "tells a ghost story", "is scared of the big bad wolf",
    "has a cast on her arm", "plays doctor and gives shots to her teddy", "washes the dog in the bathtub",
    "puts the cake in the oven", "puts the ice cream in the freezer", "puts the clothes in the washing machine",
    "toasts marshmallows on the campfire", "plays video games all night", "goes to bed very late",
    "disappears under a pile of cushions",
    "jumps off the diving board", "climbs to the top of the tree", "shoots arrows at a target",
    "kicks the ball into the net", "hits the ball with a racket", "cracks eggs for pancakes"]}
SYN_SHAPES = {"fr": ["{p} qui {a}", "dessine {p} qui {a}", "je voudrais {p} qui {a}", "comment dessiner {p} qui {a} ?",
                     "{p} qui {a} et qui rigole", "une histoire où {p} {a}", "{p} qui {a} puis qui rentre à la maison",
                     "c'est l'histoire de {p} qui {a} et après il va au parc avec ses copains"],
              "en": ["{p} who {a}", "draw {p} who {a}", "i want {p} who {a}", "how do i draw {p} who {a}?",
                     "{p} who {a} and laughs", "a story where {p} {a}", "{p} who {a} and then goes home",
                     "this is the story of {p} who {a} and after that they go to the park with friends"]}
SYNTHETIC = 1200  # sentences drawn (fixed seed), half French, half English


def synthetic_material() -> list[str]:
    """SYNTHETIC ordinary sentences: a shape of SYN_SHAPES, a person of SYN_PEOPLE (or a roster first name), an
    action of SYN_ACTIONS; a sentence the rules refuse is left out."""
    rng, heroes, out = random.Random(1), roster(), set()
    for i in range(SYNTHETIC):
        language = ("fr", "en")[i % 2]
        person = rng.choice(SYN_PEOPLE[language]).replace("@", rng.choice(heroes))
        out.add(rng.choice(SYN_SHAPES[language]).format(p=person, a=rng.choice(SYN_ACTIONS[language])))
    return sorted(s for s in out if not cpu_check(s, learned_layer=False).blocked)


def tuning_material() -> list:
    prompts = [p for s in SETS for kind in ("unsafe", "benign") for p in load(kind, s)]
    return [p for p in prompts if p.half in TRAINING_HALVES]


def matrix(rows: list[list[int]]) -> csr_matrix:
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.concatenate([np.asarray(r, dtype=np.int64) for r in rows])
    data = np.concatenate([np.full(len(r), 1.0 / np.sqrt(len(r))) for r in rows])
    return csr_matrix((data, indices, indptr), shape=(len(rows), learned.BUCKETS))


def main() -> int:
    names = roster_names(roster())
    vocabulary = _load().vocabulary | {w for n in names for w in n.split()}
    prompts = tuning_material()
    ordinary = ordinary_material() + synthetic_material()
    texts = [p.text for p in prompts] + ordinary
    words = [[w for w in learned_words(normalise(t, vocabulary).words) if w != "|"] for t in texts]
    rows = [learned.features(w, names) for w in words]
    X = matrix(rows)
    y = np.array([p.unsafe for p in prompts] + [False] * len(ordinary))
    studio = np.arange(len(y)) >= len(prompts)
    short = np.array([min(len(w), learned.typed_words(t)) for w, t in zip(words, texts)]) < learned.MIN_WORDS
    print(f"{len(prompts)} tuning prompts ({y.sum()} to refuse, {len(prompts) - y.sum()} ordinary) "
          f"and {len(ordinary)} ordinary studio sentences")

    held_back = np.zeros(len(y))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(X, y + 2 * studio):
        fold = LogisticRegression(C=C, solver="liblinear", max_iter=2000).fit(X[train], y[train])
        held_back[test] = fold.predict_proba(X[test])[:, 1]
    held_back[short] = 0.0  # the layer does not speak on so few features (learned.MIN_WORDS)
    signal = np.array([has_partial_signal(t, roster(), CALIBRATION_SIGNAL) for t in texts])
    held_back[~signal] = 0.0  # ... nor on a sentence without a partial signal (prompts.partial_signal)
    corpus_benign, all_benign = ~y & ~studio, ~y
    threshold = next(t for t in np.round(np.arange(0.50, 1.00, 0.01), 2)
                     if np.mean(held_back[corpus_benign] >= t) <= MAX_CV_FALSE
                     and np.mean(held_back[all_benign] >= t) <= MAX_CV_FALSE_ALL)
    print(f"threshold {threshold:.2f}: cross-validated, the layer alone refuses "
          f"{100 * np.mean(held_back[y] >= threshold):.1f} % of the unsafe, "
          f"{100 * np.mean(held_back[corpus_benign] >= threshold):.1f} % of the corpus's ordinary prompts and "
          f"{100 * np.mean(held_back[studio] >= threshold):.2f} % of the studio sentences")

    decision = LogisticRegression(C=C, solver="liblinear", max_iter=2000).fit(X, y)
    unsafe = np.flatnonzero(y)
    categories = tuple(c for c in ORDER if any(prompts[i].category == c for i in unsafe))
    labels = np.array([categories.index(prompts[i].category) for i in unsafe])
    naming = LogisticRegression(C=C, solver="lbfgs", max_iter=3000).fit(X[unsafe], labels)

    counts = np.bincount(X.indices, minlength=learned.BUCKETS)
    buckets = np.flatnonzero(counts >= MIN_COUNT)
    out = learned.WEIGHTS_PATH
    np.savez_compressed(out, buckets=buckets.astype(np.int32),
                        weight=decision.coef_[0, buckets].astype(np.float32),
                        bias=np.float32(decision.intercept_[0]),
                        category_weight=naming.coef_[:, buckets].T.astype(np.float16),
                        category_bias=naming.intercept_.astype(np.float32),
                        categories=np.array(categories), threshold=np.float32(threshold))
    print(f"{out.relative_to(ROOT)}: {len(buckets)} buckets, {out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
