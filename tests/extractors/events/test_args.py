"""Event arguments (``events.args``): reciprocal compound actors and subjects the parser
confused with a dateline (real model)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "ptype", "source", "target"),
    [
        # a joint agreement: the first conjunct acts, the other receives (CAMEO's dyad)
        ("Chile and Peru have agreed to hold joint naval exercises next spring.", "AGREE",
         ["Chile"], ["Peru"]),
        # a deal signed by both sides (the "meet" frame of joint acts)
        ("Kenya and Ethiopia signed a border security agreement on Monday.", "SUPPORT",
         ["Kenya"], ["Ethiopia"]),
        # the partner comes before what the agreement is about
        ("Sudan and Chad agreed to a truce along their border in Darfur.", "AGREE",
         ["Sudan"], ["Chad", "Darfur"]),
        # a joint act that failed is a rejection as reciprocal as the act (REJECT "meet")
        ("Armenia and Azerbaijan failed to reach an agreement on the disputed enclave.", "REJECT",
         ["Armenia"], ["Azerbaijan"]),
        # the sides named by coordinated modifiers of the subject
        ("French and EU negotiators failed to reach a deal on fishing quotas.", "REJECT",
         ["French"], ["EU"]),
        ("French and EU negotiators signed a fisheries agreement on Monday.", "SUPPORT",
         ["French"], ["EU"]),
        # a reciprocal pronoun as the object makes any act mutual ("each other", "one another")
        ("Serbia and Kosovo blamed each other for the clashes in the north.", "ACCUSE",
         ["Serbia"], ["Kosovo"]),
        ("Sudan and South Sudan accused one another of backing rebel groups.", "ACCUSE",
         ["Sudan"], ["South Sudan"]),
    ],
)
def test_args_reciprocal_compound_actor_is_a_dyad(code_events, text, ptype, source, target) -> None:
    coded = code_events(text)
    event = coded.of_type(ptype)[0]
    assert coded.names(event.source) == source
    assert coded.names(event.target)[:len(target)] == target


@pytest.mark.parametrize(
    ("text", "ptype", "source"),
    [
        # coordinated actors of a one-sided act stay the source together
        ("Norway and Sweden condemned the bombing of the embassy in Kabul.", "ACCUSE",
         {"Norway", "Sweden"}),
        # a refused one-sided act is one-sided too
        ("Norway and Sweden refused to condemn the bombing of the embassy in Kabul.", "REJECT",
         {"Norway", "Sweden"}),
        # coordinated modifiers name a compound source
        ("Danish and Finnish ministers condemned the bombing of the embassy in Kabul.", "ACCUSE",
         {"Danish", "Finnish"}),
    ],
)
def test_args_compound_actor_of_a_one_sided_act_is_not_split(code_events, text, ptype, source) -> None:
    coded = code_events(text)
    event = coded.of_type(ptype)[0]
    assert set(coded.names(event.source)) == source


@pytest.mark.parametrize(
    ("text", "ptype", "source"),
    [
        # the parser takes the dateline for the subject; the clause's own subject acts
        ("LIMA -- The Peruvian Congress has condemned President Pedro Castillo for the decree.",
         "ACCUSE", "Peruvian Congress"),
        # the actor hung on the dateline as its apposition
        ("OSLO, Norway (AP) -- Norway's parliament passed a motion Friday criticizing "
         "Prime Minister Jonas Store for the delay.", "ACCUSE", "Norway's parliament"),
    ],
)
def test_args_dateline_is_not_the_subject(code_events, text, ptype, source) -> None:
    coded = code_events(text)
    event = coded.of_type(ptype)[0]
    assert coded.names(event.source) == [source]


@pytest.mark.parametrize(
    ("text", "ptype", "source"),
    [
        # an agentless arrest in a country: that country's authorities acted
        ("The blogger Amadou Diallo was arrested on Monday in Niger for his posts.", "COERCE",
         ["Niger"]),
        # expelled from a country: the country expelled
        ("Two foreign monitors were expelled from Eritrea after the vote.", "SANCTION", ["Eritrea"]),
        # a town is where it happened, not a state that acts
        ("Three activists were arrested in Kabul on Monday.", "COERCE", []),
        # a stated agent wins
        ("The blogger was arrested in Niger by soldiers of the presidential guard.", "COERCE", None),
    ],
)
def test_args_agentless_state_act_takes_the_country(code_events, text, ptype, source) -> None:
    coded = code_events(text)
    event = coded.of_type(ptype)[0]
    names = coded.names(event.source)
    if source is None:
        assert "Niger" not in names
    else:
        assert names == source


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("SAN JOSE-- Costa Rican police arrested two men.", 2),
        ("BOGOTA -- Colombian police arrested two men.", 2),
        # a hyphenated name is no dateline
        ("Vice-President Ana Lopez resigned-- a surprise.", 0),
    ],
)
def test_args_dateline_ends_at_a_double_dash_glued_to_its_word(nlp, text, size) -> None:
    from storyline.extractors.events.args import dateline_tokens

    assert len(dateline_tokens(nlp(text))) == size


@pytest.mark.parametrize(
    ("text", "word", "source"),
    [
        # the subject of the verb that takes the noun does what its infinitive says
        ("The Ghana Navy renewed its pledge to assist the Liberian coast guard.", "assist",
         ["Ghana Navy"]),
        # a noun that is no verb's object: its own actor
        ("Peru's decision to expel the Bolivian ambassador angered La Paz.", "expel", ["Peru"]),
    ],
)
def test_args_infinitive_on_a_noun_takes_its_controller(nlp, text, word, source) -> None:
    from storyline.extractors.events.coder import code_mentions

    doc = nlp(text)
    names = {e.id: e.name for e in doc._.entities}
    m = next(m for m in code_mentions(doc).mentions if m.token.text == word)
    assert [names[e] for e in m.source] == source


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # another actor's act the subject judges is not the subject's
        ("Chile welcomed Peru's decision to expel the Bolivian ambassador.", "expel"),
        # a recipient named beside the noun would be the one to act
        ("Chile gave Peru a deadline to expel the Bolivian ambassador.", "expel"),
    ],
)
def test_args_infinitive_on_a_noun_is_not_the_judges(nlp, text, word) -> None:
    from storyline.extractors.events.coder import code_mentions

    doc = nlp(text)
    names = {e.id: e.name for e in doc._.entities}
    m = next(m for m in code_mentions(doc).mentions if m.token.text == word)
    assert "Chile" not in [names[e] for e in m.source]


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        # the first person in a speaker's own words is the speaker
        ('"We have asked the United Nations to send observers," Kenyan President Uhuru '
         'Kenyatta said on Monday.', "asked", ["Uhuru Kenyatta"]),
        ('"Let me use this opportunity to express our readiness to sign the accord with '
         'Ethiopia," Eritrean President Isaias Afwerki said.', "express", ["Isaias Afwerki"]),
        ('Opposition leader Raila Odinga said: "We reject the results announced by the '
         'commission."', "reject", ["Raila Odinga"]),
        # a plural pronoun whose antecedent is a group named by a common noun is that group
        ("Thousands of striking workers marched through Dhaka on Monday. They accused Prime "
         "Minister Sheikh Hasina of ignoring their demands.", "accused", ["striking workers"]),
        ("Hundreds of students gathered outside the parliament on Sunday. They called on "
         "President Hamid Karzai to resign.", "called", ["students"]),
        # forces deployed with no agent stated are their own side moving (PLOVER MOBILIZE)
        ("Nigerian troops were deployed to the border on Monday.", "deployed",
         ["Nigerian troops"]),
        ("Kenyan police were deployed across Nairobi ahead of the protests.", "deployed",
         ["Kenyan police"]),
        # a stated agent wins
        ("Kenyan police were deployed by President William Ruto on Monday.", "deployed",
         ["William Ruto"]),
    ],
)
def test_args_source_named_by_the_context(code_events, text: str, trigger: str,
                                          source: list[str]) -> None:
    coded = code_events(text)
    assert coded.names(coded.by_trigger(trigger).source) == source


def test_args_first_person_outside_a_quote_is_nobody(code_events) -> None:
    # reported in the third person: "we" of the reporter's sentence is no speaker's
    coded = code_events("We asked the United Nations to send observers on Monday.")
    assert coded.by_trigger("asked").source == []


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        # "is committed/determined to": a state of the subject, who states the intent
        ("The Sri Lankan government was committed to furthering the peace process with the "
         "Tamil Tigers, minister Keheliya Rambukwella said.", "committed",
         ["Sri Lankan government"], ["Tamil Tigers"]),
        ("Uganda is determined to restore peace with Sudan, the president said.", "determined",
         ["Uganda"], ["Sudan"]),
    ],
)
def test_args_stative_intent_subject_is_the_source(code_events, text: str, trigger: str,
                                                   source: list[str], target: list[str]) -> None:
    coded = code_events(text)
    event = coded.by_trigger(trigger)
    assert coded.names(event.source) == source
    assert coded.names(event.target) == target


def test_args_passive_invitation_has_no_source(code_events) -> None:
    # an invitation received: the invited is the recipient, the inviter unstated
    coded = code_events("Kenya was invited to join the talks with Somalia.")
    event = coded.by_trigger("invited")
    assert event.source == [] and coded.names(event.target) == ["Kenya"]


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        # "at" on the verb marks what the act is directed at (conative "hint at"), not a place
        ("Kenya hinted at a return to talks with Somalia.", "hinted", ["Somalia"]),
        # a hyphenated pair names both sides; the acting side's own is the source's
        ("Ecuador's foreign minister, Luis Perez, said he was ready to settle the long "
         "Peru-Ecuador border dispute.", "ready", ["Peru"]),
        # a third party acts on the pair: both sides are the target, in text order
        ("Norway offered to help settle the Sudan-Chad dispute.", "offered", ["Sudan", "Chad"]),
    ],
)
def test_args_target_read_past_at_and_hyphenated_pairs(code_events, text: str, trigger: str,
                                                       target: list[str]) -> None:
    coded = code_events(text)
    assert coded.names(coded.by_trigger(trigger).target) == target


@pytest.mark.parametrize(
    ("text", "word", "where"),
    [
        # a place noun, a place name and a time stay where and when it happened
        ("The envoys protested at the embassy on Monday.", "at", True),
        ("The envoys protested at Geneva on Monday.", "at", True),
        ("The envoys protested at noon on Monday.", "at", True),
        # any other object of a verb's "at" is what the act is aimed at
        ("The envoys hinted at a compromise on Monday.", "at", False),
        # "in" stays locative whatever its object
        ("The envoys protested in a statement on Monday.", "in", True),
    ],
)
def test_args_at_gives_a_place_only_when_its_object_is_one(nlp, text: str, word: str,
                                                           where: bool) -> None:
    from storyline.extractors.events.args import ArgResolver, _says_where
    from storyline.extractors.events.lexicon import lexicon

    doc = nlp(text)
    prep = next(t for t in doc if t.lower_ == word)
    assert _says_where(prep, ArgResolver(doc, lexicon())) is where


def _rule_arguments(nlp, text: str, word: str) -> tuple[list[str], list[str]]:
    """The rules' source and target names of the mention triggered by ``word``."""
    from storyline.extractors.events.coder import code_mentions

    doc = nlp(text)
    names = {e.id: e.name for e in doc._.entities}
    m = next(m for m in code_mentions(doc).mentions if m.token.text == word)
    return [names.get(e, e) for e in m.source], [names.get(e, e) for e in m.target]


@pytest.mark.parametrize(
    ("text", "word", "target"),
    [
        # a pro-/anti- adjective tells what the noun is for or against, not who it is
        ("Gunmen attacked a pro-Russian village near the border.", "attacked", []),
        ("Gunmen raided two pro-Syrian Druze villages on Sunday.", "raided", []),
    ],
)
def test_args_stance_adjective_names_no_actor(nlp, text, word, target) -> None:
    assert _rule_arguments(nlp, text, word)[1] == target


@pytest.mark.parametrize(
    ("text", "word", "target"),
    [
        # a relative pronoun stands for the noun its clause is about
        ("King Abdullah carried a letter from Mahmoud Abbas, with whom the king met on "
         "Monday.", "met", ["Mahmoud Abbas"]),
        ("Officials named the rebels, whom the army attacked on Sunday.", "attacked",
         ["rebels"]),
    ],
)
def test_args_relative_pronoun_names_its_noun(nlp, text, word, target) -> None:
    assert _rule_arguments(nlp, text, word)[1] == target


@pytest.mark.parametrize(
    ("text", "word", "source"),
    [
        # a town before an event noun is where it happened, not who did it
        ("Police charged a man in the Birmingham bombing.", "bombing", []),
        # a capital stands for its government; a people's adjective names the actor
        ("The Washington sanctions hurt Iran.", "sanctions", ["Washington"]),
        ("Russian strikes hit Kharkiv.", "strikes", ["Russian"]),
    ],
)
def test_args_town_before_an_event_noun_is_no_actor(nlp, text, word, source) -> None:
    assert _rule_arguments(nlp, text, word)[0] == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a kidnapping told in the passive is the kidnappers' the article names (CAMEO 181)
        ("The kidnappers demanded a ransom for the businessman. Gomez was kidnapped from his "
         "home on Monday, police said.", ["kidnappers"]),
        ("Abductors released a video of the nurse. She was abducted near the clinic last week.",
         ["Abductors"]),
        # no kidnappers named: no source
        ("Gomez was kidnapped from his home on Monday, police said.", []),
    ],
)
def test_args_passive_abduction_by_the_abductors_named(code_events, text, source) -> None:
    coded = code_events(text)
    event = next(e for e in coded.events if e.trigger.text in {"kidnapped", "abducted"})
    assert coded.names(event.source) == source


@pytest.mark.parametrize(
    ("text", "word", "source", "target"),
    [
        # a relational noun's possessor is the one it relates to, not its referent
        ("Kenyan Foreign Minister Raychelle Omamo met her Ugandan counterpart on Monday.", "met",
         ["Raychelle Omamo"], ["Ugandan"]),
        # the possessor of a people noun that is no relation still names it
        ("Uganda's soldiers attacked the rebel camp.", "attacked", ["Uganda's soldiers"], []),
        ("Ethiopia's allies pledged support for the peace talks.", "pledged", [], []),
    ],
)
def test_args_relational_noun_is_not_its_possessor(nlp, text, word, source, target) -> None:
    assert _rule_arguments(nlp, text, word) == (source, target)


@pytest.mark.parametrize(
    ("text", "word", "source", "target"),
    [
        # a participle coordinated with a passive shares its subject, the one acted on
        ("The reporter Ali Musa was beaten and killed in Mogadishu.", "killed", [], ["Ali Musa"]),
        # with an agent of its own
        ("Three Kenyan students were arrested and detained by police.", "detained", ["police"],
         ["Kenyan students"]),
        # a conjunct with an auxiliary of its own is a clause of its own
        ("Two Kenyan soldiers were ambushed and have attacked the rebel camp.", "attacked",
         ["Kenyan soldiers"], []),
    ],
)
def test_args_coordinated_passive_shares_its_patient(nlp, text, word, source, target) -> None:
    assert _rule_arguments(nlp, text, word) == (source, target)


def test_args_infinitive_on_an_event_noun_is_its_controllers(nlp) -> None:
    # the parser may label a purpose infinitive on a noun a relative clause; the noun
    # names no actor, so the subject of the verb that takes it acts
    text = "The KNUT union began a strike to protest against the Kenyan government."
    assert _rule_arguments(nlp, text, "protest") == (["KNUT"], ["Kenyan government"])



def test_args_followers_of_a_person_are_not_the_person(nlp) -> None:
    # a person's followers named by an of-phrase are a group of their own, as "the
    # cleric's followers" are
    text = "Hundreds of followers of the cleric Abu Bakar Bashir stormed the court."
    assert _rule_arguments(nlp, text, "stormed")[0] == []


@pytest.mark.parametrize(
    ("text", "word", "target"),
    [
        # what is discussed is the topic; the with-phrase is the other participant
        ("President Ruto discussed Sudan with Prime Minister Abiy Ahmed on Monday.", "discussed",
         ["Abiy Ahmed"]),
        # with no partner named, the object stays the target
        ("President Ruto discussed Sudan on Monday.", "discussed", ["Sudan"]),
    ],
)
def test_args_discussion_partner_before_its_topic(nlp, text, word, target) -> None:
    assert _rule_arguments(nlp, text, word)[1] == target


@pytest.mark.parametrize(
    ("deps", "subject"),
    [
        # a small clause's named subject the parser hung on the adjective as a compound
        (["nsubj", "ROOT", "compound", "ccomp"], "Okoye"),
        # its own subject
        (["nsubj", "ROOT", "nsubj", "ccomp"], "Okoye"),
        # a common noun hung on it is no subject
        (["nsubj", "ROOT", "npadvmod", "ccomp"], None),
    ],
)
def test_args_small_clause_subject_is_read_off_the_adjective(nlp, deps, subject) -> None:
    from spacy.tokens import Doc

    from storyline.extractors.events.args import _ccomp_subject

    words = ["Judges", "found", "Okoye", "guilty"]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 3, 1], deps=deps,
              pos=["NOUN", "VERB", "PROPN", "ADJ"])
    assert [t.text for t in _ccomp_subject(doc[1])] == ([subject] if subject else [])


@pytest.mark.parametrize(
    ("text", "word", "source", "target"),
    [
        # a country people are sent to hosts what they were sent to do
        ("Kenya sent a team of police experts to Haiti to investigate the killings.",
         "investigate", ["Kenya"], ["Haiti"]),
        # its capital names it too (PETRARCH2's country dictionary)
        ("Kenya will dispatch five judges to Kinshasa to investigate the killings.",
         "investigate", ["Kenya"], ["Kinshasa"]),
        # a town that is no capital is no country actor
        ("Kenya sent a team of police experts to Goma to investigate the killings.",
         "investigate", ["Kenya"], []),
        # a verb that moves no one (the experts asked, no entity, investigate)
        ("Kenya asked police experts in Haiti to investigate the killings.",
         "investigate", [], []),
    ],
)
def test_args_destination_country_hosts_the_purpose(nlp, text, word, source, target) -> None:
    assert _rule_arguments(nlp, text, word) == (source, target)


@pytest.mark.parametrize(
    ("text", "word", "target"),
    [
        # a named war is what the troops are for, not whom they are mobilized against
        ("President Ruto mobilized troops for the Second Congo War against Rwanda.", "mobilized",
         ["Rwanda"]),
        ("Uganda mobilized its army for the Kagera War against Tanzania.", "mobilized",
         ["Tanzania"]),
    ],
)
def test_args_named_happening_is_no_target(nlp, text, word, target) -> None:
    assert _rule_arguments(nlp, text, word)[1] == target


@pytest.mark.parametrize(
    ("text", "word", "target"),
    [
        # a threat is addressed to the one whose act its condition names
        ("Kenya threatened to withdraw its troops from the mission if Somalia expels its envoy.",
         "threatened", ["Somalia"]),
        ("Kenya threatened to suspend the talks unless Uganda closes the border crossing.",
         "threatened", ["Uganda"]),
        # a refusal that lasts until another actor acts
        ("Kenya said it will not lift the trade ban until Somalia releases the fishermen.",
         "lift", ["Somalia"]),
        # a condition with no actor leaves the target open
        ("Kenya threatened to suspend the talks if the fighting goes on.", "threatened", []),
        # a named happening as the condition's subject is no actor to threaten
        ("Kenya threatened to leave the summit if the Ogaden War resumes.", "threatened", []),
    ],
)
def test_args_threat_is_addressed_to_the_conditions_actor(code_events, text, word, target) -> None:
    coded = code_events(text)
    assert coded.names(coded.by_trigger(word).target) == target


@pytest.mark.parametrize(
    ("text", "word", "target"),
    [
        # forces given to a force or mission serving in a country protect that country
        ("Ghana will send 300 soldiers to the African Union mission in Somalia.", "send",
         ["Somalia"]),
        # with no country named, the body that leads it
        ("Ghana will send 300 soldiers to the African Union mission.", "send", ["African Union"]),
        # a force acted on is the force, wherever it serves
        ("Rebels attacked the African Union force in Somalia.", "attacked", ["African Union"]),
    ],
)
def test_args_forces_given_to_a_mission_aid_its_host(nlp, text, word, target) -> None:
    assert _rule_arguments(nlp, text, word)[1] == target


@pytest.mark.parametrize(
    ("text", "word", "target"),
    [
        # a border's with-phrase is its other side, not the side whose border it is
        ("The Ethiopian government closed Ethiopia's borders with Eritrea and Sudan.", "closed",
         ["Eritrea", "Sudan"]),
        # a border with no other side named keeps its possessor
        ("The Kenyan government closed Somalia's border crossings.", "closed", ["Somalia"]),
    ],
)
def test_args_border_with_names_the_other_side(nlp, text, word, target) -> None:
    assert _rule_arguments(nlp, text, word)[1] == target


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # the place a place noun object lies off is the target (CAMEO 190/192)
        ("Rebel forces seized two towns north of the capital Damascus on Friday.", ["Damascus"]),
        ("Houthi rebels captured two towns south of the port city of Hodeidah.", ["Hodeidah"]),
        # violence with no actor acted on: where it was done (CAMEO 18-20)
        ("Armed militants killed 30 villagers in raids in Nigeria on Monday.", ["Nigeria"]),
        # through the gerund of the means and a locative along a line
        ("The Indian army violated the truce by shelling with mortars and firing rockets along "
         "the frontier in Punjab.", ["Punjab"]),
    ],
)
def test_args_place_acted_on_is_the_target_of_violence(code_events, text, target) -> None:
    coded = code_events(text)
    event = coded.of_type("ASSAULT")[0]
    assert coded.names(event.target) == target


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a named actor acted on keeps the target
        ("Insurgents killed two Iraqi policemen in Mosul on Sunday.", "Mosul"),
        # a region that no country holds names no actor
        ("Armed militants killed 30 villagers in the Sahel on Monday.", "Sahel"),
        ("Armed militants killed 30 villagers in raids in the Middle East on Monday.", "Middle East"),
    ],
)
def test_args_place_acted_on_only_a_named_place_without_another_target(code_events, text,
                                                                      absent) -> None:
    coded = code_events(text)
    event = coded.of_type("ASSAULT")[0]
    assert absent not in coded.names(event.target)


@pytest.mark.parametrize(
    ("text", "word", "target"),
    [
        # a concession answers the act told in its after-clause: the clause's subject
        ("Kenya lifted the curfew after Uganda reopened the border.", "lifted", ["Uganda"]),
        # or the partner of the deal it reached
        ("Kenyan dockworkers called off their strike after reaching a deal with Maersk.",
         "called", ["Maersk"]),
        # an after-clause of the one who yields names no other side
        ("Kenya lifted the curfew after it restored order in the capital.", "lifted", []),
    ],
)
def test_args_concession_is_yielded_to_the_actor_it_answers(code_events, text, word, target) -> None:
    coded = code_events(text)
    assert coded.names(coded.by_trigger(word).target) == target


@pytest.mark.parametrize(
    ("text", "word", "target"),
    [
        # a refusal holds out against the demand its despite-phrase names
        ("Governor Lopez refused to resign despite pressure from President Ruto.", "refused",
         ["Ruto"]),
        ("Governor Lopez refused to resign despite President Ruto's calls.", "refused", ["Ruto"]),
        # a demand with no actor leaves the target open
        ("Governor Lopez refused to resign despite the protests.", "refused", []),
    ],
)
def test_args_refusal_targets_the_demand_it_resists(code_events, text, word, target) -> None:
    coded = code_events(text)
    assert coded.names(coded.by_trigger(word).target) == target


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # released in a country with no agent: the state that held them (CAMEO 0841)
        ("Two French journalists were released from detention in Eritrea on Monday.", ["Eritrea"]),
        # a town is where it happened, not a state
        ("Two French journalists were released from detention in Asmara on Monday.", []),
    ],
)
def test_args_agentless_release_takes_the_country(code_events, text, source) -> None:
    coded = code_events(text)
    assert coded.names(coded.by_trigger("released").source) == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a bracketed acronym the parser hangs on the participle is the name's gloss: the
        # one who sent the letter threatens
        ("Prime Minister Modi has sent a letter to the head of the World Health Organization "
         "(WHO) threatening to pull Indian funding permanently over the virus.", ["Modi"]),
        ("President Macron has sent a letter to the director of the World Food Programme (WFP) "
         "threatening to withdraw French funding permanently.", ["Macron"]),
    ],
)
def test_args_bracketed_acronym_is_no_subject(code_events, text, source) -> None:
    coded = code_events(text)
    assert coded.names(coded.by_trigger("threatening").source) == source


@pytest.mark.parametrize(
    ("text", "word", "target"),
    [
        # the possessor of the stance holds it; its for-phrase is who is supported
        ("Putin reiterated Russia's support for the Assad government in Damascus.", "reiterated",
         ["Assad"]),
        # a stance with no for-phrase keeps what the frame found
        ("Putin reiterated Russia's support.", "reiterated", ["Russia"]),
        # a process supported is for its participants
        ("Putin reiterated Russia's support for the talks between Armenia and Azerbaijan.",
         "reiterated", ["Armenia", "Azerbaijan"]),
    ],
)
def test_args_expressed_stance_is_for_its_for_phrase(code_events, text, word, target) -> None:
    coded = code_events(text)
    assert coded.names(coded.by_trigger(word).target) == target


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # the caller consults the one called, not the topic
        ("Chancellor Scholz called President Macron to discuss the war in Ukraine.", ["Scholz"],
         ["Macron"]),
        ("Prime Minister Albanese rang President Biden to discuss the trade deal with China.",
         ["Albanese"], ["Biden"]),
    ],
)
def test_args_caller_consults_the_one_called(code_events, text, source, target) -> None:
    coded = code_events(text)
    event = coded.by_trigger("discuss")
    assert (coded.names(event.source), coded.names(event.target)) == (source, target)


@pytest.mark.parametrize(
    ("text", "word", "source"),
    [
        # a verbal act in a participle after a reported clause is the speaker's
        ("Germany's envoy said Russia's plan deepens the crisis, condemning the plan as reckless.",
         "condemning", ["Germany"]),
        # a material act there is the reported clause's own
        ("The army said Boko Haram fighters raided the village, killing ten people.", "killing",
         ["Boko Haram"]),
    ],
)
def test_args_verbal_participle_is_the_reporters(code_events, text, word, source) -> None:
    coded = code_events(text)
    assert coded.names(coded.by_trigger(word).source) == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # an event noun made the subject of the infinitive is the declaring verb's object
        ("Peruvian authorities declared a state of emergency in Lima to begin at midnight Sunday.",
         ["Peruvian authorities"]),
        # the plain object reading is unchanged
        ("Peruvian authorities declared a state of emergency in Lima on Sunday.",
         ["Peruvian authorities"]),
    ],
)
def test_args_event_noun_raised_into_an_infinitive_is_declared(code_events, text, source) -> None:
    coded = code_events(text)
    assert coded.names(coded.of_type("COERCE")[0].source) == source


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # a refusal held before another actor acts is held until it acts
        ("Zambian miners will not end their strike before the bonus is paid and Glencore is fined.",
         ["Glencore"]),
        ("Zambian miners will not end their strike before Glencore pays the bonus.", ["Glencore"]),
    ],
)
def test_args_refusal_before_another_acts_is_addressed_to_it(code_events, text, target) -> None:
    coded = code_events(text)
    assert coded.names(coded.of_type("REJECT")[0].target) == target


@pytest.mark.parametrize(
    ("text", "word", "source", "target"),
    [
        # the possessor of a noun told of the one who suffers it is that one
        ("Officials in Lima said Castillo's arrest was a mistake.", "arrest", [], ["Castillo"]),
        ("Odinga's assassination shocked Kenya.", "assassination", [], ["Odinga"]),
        # with an of-phrase the possessor is the one who acts
        ("Iraq's arrest of Kuwaiti diplomats angered Egypt.", "arrest", ["Iraq"], ["Kuwaiti diplomats"]),
        # any other noun's possessor still acts
        ("Russia's attack on Ukraine angered Poland.", "attack", ["Russia"], ["Ukraine"]),
    ],
)
def test_args_possessor_of_an_undergone_act_is_the_target(nlp, text, word, source, target) -> None:
    assert _rule_arguments(nlp, text, word) == (source, target)


@pytest.mark.parametrize(
    ("text", "word", "source"),
    [
        # a description explained by a name in apposition is the named actor
        ("The country's largest Catholic party, the Freedom Party of Ulan, threatened to "
         "quit the coalition.", "threatened", ["Freedom Party of Ulan"]),
        # a name explained by a description stays the name
        ("The Freedom Party of Ulan, the country's largest Catholic party, threatened to "
         "quit the coalition.", "threatened", ["Freedom Party of Ulan"]),
        # a name the parse hangs on a description without a comma is no apposition
        ("The Finnish government and major creditors of bankrupt shipyard Nordvik Marine "
         "Industries Oy agreed in principle to form a new company.", "agreed",
         ["Finnish government"]),
    ],
)
def test_args_description_named_in_apposition(nlp, text, word, source) -> None:
    assert _rule_arguments(nlp, text, word)[0] == source


@pytest.mark.parametrize(
    ("text", "word", "source", "target"),
    [
        # what an issued text says is said by its issuer
        ("Norway issued a statement that condemned Chile for the raid.", "condemned",
         ["Norway"], ["Chile"]),
        ("Norway said in a statement that praised Chile for its help.", "praised",
         ["Norway"], ["Chile"]),
        # a text only judged by the clause's subject is not its own
        ("Norway welcomed a statement that condemned Chile.", "condemned", [], ["Chile"]),
        # whom the text is sent to is the one it speaks to
        ("Norway sent a letter to Chile threatening new tariffs.", "threatening",
         ["Norway"], ["Chile"]),
        ("Norway sent Chile a letter that demanded the return of the ship.", "demanded",
         ["Norway"], ["Chile"]),
        # a group named as a verb's object does not act for the verb's subject
        ("Norway sent troops that attacked Chilean villages.", "attacked", ["troops"], ["Chilean"]),
    ],
)
def test_args_issued_text_speaks_for_its_issuer(nlp, text, word, source, target) -> None:
    assert _rule_arguments(nlp, text, word) == (source, target)
