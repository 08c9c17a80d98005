// reveal.js: a deck in the page (embedded, no transitions), navigation, fragments, state.
import Reveal from 'reveal.js';
import { report } from './report.js';

const app = document.getElementById('app');
app.innerHTML = `
  <div class="reveal" style="width: 800px; height: 600px">
    <div class="slides">
      <section id="s1"><h1>One</h1></section>
      <section>
        <section id="s2a">Two A <p class="fragment">f1</p><p class="fragment">f2</p></section>
        <section id="s2b">Two B</section>
      </section>
      <section id="s3" data-state="third">Three</section>
    </div>
  </div>`;

const deck = new Reveal(app.querySelector('.reveal'), { embedded: true, hash: false, history: false, transition: 'none', controls: true, progress: true, keyboard: false, width: 800, height: 600 });
const where = () => [deck.getIndices(), deck.getCurrentSlide().id, deck.getProgress(), deck.isFirstSlide(), deck.isLastSlide()];

report({
  async init() {
    const events = [];
    deck.on('slidechanged', (e) => events.push([e.indexh, e.indexv]));
    deck.on('fragmentshown', (e) => events.push(`frag ${e.fragment.textContent}`));
    await deck.initialize();
    const log = [where(), deck.getTotalSlides(), deck.getHorizontalSlides().length];
    deck.right();
    log.push(where());
    deck.next();
    deck.next();
    log.push(where());
    deck.down();
    log.push(where());
    deck.slide(2);
    log.push(where(), [...(deck.getRevealElement().closest('.reveal-viewport') ?? deck.getRevealElement()).classList].includes('third'));
    log.push(deck.getState());
    deck.setState({ indexh: 0, indexv: 0, paused: false, overview: false });
    log.push(where(), events);
    return log;
  },
});
