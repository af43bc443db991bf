"""The chat backend's queries. Every function takes the engine (then it runs in its own
transaction and is retried once if the connection drops) or an AsyncConnection (then it joins
the caller's transaction), and the owning user's id wherever a conversation, message or
configuration is reached: another user's ids behave exactly like ids that do not exist."""
