from detente.boilerplate import mask_dateline, strip_text_boilerplate

BODY = (
    "Vilnius closed two border crossings on Monday.\n\n"
    "The government said the decision was temporary and would be reviewed next month."
)


def test_trailing_teasers_and_disclaimer_are_removed() -> None:
    text = (
        BODY + "\n\nThe opinions expressed in this article are those of the author.\n\n"
        "Harbour Politics in the Baltic\n\n"
        "Estonia and Finland signed a maritime pact in 2012 that set the stage for...\n\n"
        "Grain, Ports and Power\n\n"
        "Few commodities shape regional diplomacy as much as wheat. Today, almost any..."
    )
    assert strip_text_boilerplate(text) == BODY


def test_truncated_teasers_without_marker_are_removed() -> None:
    text = BODY + "\n\nA New Chapter\n\nThe two capitals agreed in 2015 to expand trade links, and..."
    assert strip_text_boilerplate(text) == BODY


def test_article_body_is_untouched() -> None:
    assert strip_text_boilerplate(BODY) == BODY
    one = "A single paragraph about talks in Geneva..."
    assert strip_text_boilerplate(one) == one


def test_list_bullets_are_masked_without_moving_offsets() -> None:
    text = "- Chad, Niger agree to reopen the border\n  • talks resume\nA ten-day - long - wait\n-5 degrees"
    masked = mask_dateline(text)
    assert len(masked) == len(text)
    assert masked.startswith("  Chad, Niger agree")
    assert "    talks resume" in masked
    assert "ten-day - long - wait" in masked and masked.endswith("-5 degrees")
