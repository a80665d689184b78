let context: AudioContext | undefined;

/**
 * Readies the sound. Browsers let a page start audio only from a user's gesture, so this runs
 * when the agent switches the sound on (and again at their next click after a reload).
 */
export function primeChime(): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume();
}

/** A short two-note chime, made on the spot: no audio file to serve or to cache. */
export function chime(): void {
  const audio = context;
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  [880, 660].forEach((frequency, i) => {
    const at = start + i * 0.14;
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = frequency;
    volume.gain.setValueAtTime(0.0001, at);
    volume.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
    volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
    tone.connect(volume).connect(audio.destination);
    tone.start(at);
    tone.stop(at + 0.3);
  });
}
