"""Administrative boundaries: build from upstream SQL, read for the app, tile map."""
