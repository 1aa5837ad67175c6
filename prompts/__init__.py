"""The LLM boundary: prompt files and their registry, the Extractor interface and its
implementations (offline rules; an OpenAI-compatible client). Imports models only."""
