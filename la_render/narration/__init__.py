"""Narration: the voices (`voices`: piper, espeak-ng, flite, and the speech cache), an author's
recordings (`recordings`), cues spoken as a scene reaches them (`narrator`), the sound track
(`audio`), the voice a command uses (`choice`) and the script to read aloud (`script`).
"""
