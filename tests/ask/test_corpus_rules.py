"""Answering rules that matter once many documents share one database, on texts written here.

The documents go through the real ingest pipeline (the function ``dyad ingest`` runs) into one
database: some about Chile and Peru, one about Bolivia and Paraguay, one about Ecuador and Peru.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.ask import answer
from dyad.store.db import Store

DOCS = {
    "crossings.txt": """Chile and Peru agree to reopen border crossings

Chile and Peru agreed on Tuesday to reopen their land border crossings after two years of quarrels over migration.
Officials said the crossings near Tacna would reopen within three weeks.
The joint note on the accord thanked Uruguay, which mediated the agreement.
""",
    "history.txt": """Chile and Peru: a long rivalry

Chile and Peru fought over the nitrate provinces in the nineteenth century.
An agreement between Chile and Peru in 1929 settled the fate of Tacna and Arica, and the two countries drew a line in \
the desert at Concordia.
Chile and Peru later disputed their sea boundary before the court in The Hague.
The agreement between the two countries on fishing zones was signed in Lima after the ruling.
""",
    "trade.txt": """Trade between Chile and Peru

Trade between Chile and Peru grew quickly after a free trade agreement between the two countries came into force in \
Santiago.
Chilean retailers opened hundreds of stores in Peru, and Peruvian cooks opened restaurants across Chile.
""",
    "navies.txt": """Chile and Peru at sea

At Arica the navies of Chile and Peru signed an agreement between the two countries on search and rescue.
Chile and Peru hold a joint exercise off the coast every second year.
""",
    "chaco.txt": """Bolivia and Paraguay after the Chaco War

The fighting between Bolivia and Paraguay over the Chaco ended with a truce in June 1935.
The peace treaty between Bolivia and Paraguay was signed in Buenos Aires on 21 July 1938.
Both governments later opened consulates in each other's capitals.
""",
    "andes.txt": """Ecuador and Peru at the border talks

Ecuador and Peru held a new round of border talks in Brasilia in the spring of 1998.
On 14 May 1998 President Mahuad suggested signing a peace treaty at the Rio summit before the end of the year.
Peru's foreign minister answered that the commissions had to finish their work first.
In October Brazil mediated the agreement that Peru and Ecuador signed on the commissions' findings.
""",
}


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory):
    from dyad.eval.sets import ingest_folder

    folder = tmp_path_factory.mktemp("shared_docs")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder.parent / "shared.duckdb"
    ingest_folder(folder, db)
    store = Store.open(Path(db), read_only=True)
    yield store
    store.close()


def test_the_states_of_a_question_choose_the_document_its_rare_verb_the_passage(shared_store) -> None:
    # the passage that answers names neither state (its document does); passages elsewhere name
    # both states and the agreement but not the mediation
    got = answer(shared_store, "Which country mediated the agreement between Chile and Peru?", semantic=False)
    assert got.answer.splitlines()[0] == "Uruguay"
    assert got.citations[0]["doc"] == "crossings.txt"


def test_a_namesake_agreement_in_another_document_does_not_answer(shared_store) -> None:
    # the stored, dated 'peace treaty' is Bolivia's and Paraguay's; the question is about Mahuad's proposal
    question = "On what date did Mahuad suggest signing a peace treaty at the Rio summit?"
    got = answer(shared_store, question, semantic=False)
    assert got.answer.splitlines()[0] == "14 May 1998 (1998-05-14)"
    got = answer(shared_store, "When was the peace treaty between Bolivia and Paraguay signed?", semantic=False)
    assert got.answer.splitlines()[0] == "21 July 1938 (1938-07-21)"
