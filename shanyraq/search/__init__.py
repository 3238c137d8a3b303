"""The normalizer (scripts, transliteration, pinyin) and the index backends."""
