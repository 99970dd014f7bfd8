"""Step 5, compose: each article's facts (deadlines, figures, events) from the model's picks
and the normalizer's mentions (:func:`facts_from_picks`)."""

from summarizer.compose.facts import facts_from_picks as facts_from_picks
