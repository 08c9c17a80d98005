// three: math (vectors, matrices, quaternions, colours, boxes, rays), a scene graph, geometry
// buffers, raycasting against meshes, curves, animation mixer by hand. No renderer (no GPU).
import * as THREE from 'three';
import { report } from './report.js';

const r = (x) => Math.round(x * 1e4) / 1e4;
const arr = (v) => v.toArray().map(r);

report({
  math() {
    const v = new THREE.Vector3(1, 2, 3);
    const m = new THREE.Matrix4().compose(new THREE.Vector3(1, 0, 0), new THREE.Quaternion().setFromEuler(new THREE.Euler(0.1, 0.2, 0.3, 'XYZ')), new THREE.Vector3(2, 2, 2));
    const q = new THREE.Quaternion().setFromAxisAngle(new THREE.Vector3(0, 1, 0), Math.PI / 3);
    const inv = m.clone().invert();
    return [arr(v.clone().applyMatrix4(m)), arr(v.clone().applyQuaternion(q)), r(v.length()), arr(v.clone().cross(new THREE.Vector3(0, 0, 1)).normalize()), arr(inv), r(m.determinant()), arr(new THREE.Euler().setFromQuaternion(q)), arr(q.clone().slerp(new THREE.Quaternion(), 0.5)), r(THREE.MathUtils.smoothstep(0.3, 0, 1)), THREE.MathUtils.euclideanModulo(-3, 5)];
  },
  color() {
    const c = new THREE.Color('hsl(200, 60%, 40%)');
    const d = new THREE.Color(0xff8800).lerp(new THREE.Color('skyblue'), 0.25);
    return [c.getHexString(), d.getHexString(), c.getStyle(), arr(c.clone().convertSRGBToLinear())];
  },
  scene() {
    const scene = new THREE.Scene();
    const group = new THREE.Group();
    group.position.set(0, 5, 0);
    group.rotation.y = Math.PI / 2;
    scene.add(group);
    const mesh = new THREE.Mesh(new THREE.BoxGeometry(2, 2, 2), new THREE.MeshStandardMaterial({ color: 0x00ff00 }));
    mesh.position.set(3, 0, 0);
    mesh.name = 'box';
    group.add(mesh);
    const sphere = new THREE.Mesh(new THREE.SphereGeometry(1, 8, 6), new THREE.MeshBasicMaterial());
    sphere.position.set(0, 0, -10);
    scene.add(sphere);
    scene.updateMatrixWorld(true);
    const names = [];
    scene.traverse((o) => names.push(o.type));
    const world = mesh.getWorldPosition(new THREE.Vector3());
    const box = new THREE.Box3().setFromObject(mesh);
    const ray = new THREE.Raycaster(new THREE.Vector3(0, 0, 0), new THREE.Vector3(0, 0, -1));
    const hits = ray.intersectObjects(scene.children, true).map((h) => [r(h.distance), h.object.geometry.type, h.faceIndex]);
    return [names, arr(world), arr(box.min), arr(box.max), hits, scene.getObjectByName('box') === mesh];
  },
  geometry() {
    const g = new THREE.TorusKnotGeometry(1, 0.3, 16, 4);
    g.computeBoundingSphere();
    const pos = g.getAttribute('position');
    const merged = new THREE.BufferGeometry().setFromPoints([new THREE.Vector2(0, 0), new THREE.Vector2(1, 1)]);
    return [pos.count, g.index.count, r(g.boundingSphere.radius), arr(new THREE.Vector3().fromBufferAttribute(pos, 7)), merged.getAttribute('position').array.length, new THREE.EdgesGeometry(new THREE.BoxGeometry()).getAttribute('position').count];
  },
  curves() {
    const curve = new THREE.CatmullRomCurve3([new THREE.Vector3(0, 0, 0), new THREE.Vector3(1, 2, 0), new THREE.Vector3(3, 1, 1), new THREE.Vector3(4, 0, 0)]);
    const shape = new THREE.Shape().moveTo(0, 0).lineTo(2, 0).quadraticCurveTo(3, 1, 2, 2).lineTo(0, 2).closePath();
    return [r(curve.getLength()), arr(curve.getPointAt(0.5)), shape.getPoints(4).length, new THREE.ShapeGeometry(shape, 4).getAttribute('position').count];
  },
  animation() {
    const obj = new THREE.Object3D();
    const track = new THREE.VectorKeyframeTrack('.position', [0, 1, 2], [0, 0, 0, 10, 0, 0, 10, 10, 0]);
    const clip = new THREE.AnimationClip('move', 2, [track]);
    const mixer = new THREE.AnimationMixer(obj);
    mixer.clipAction(clip).play();
    mixer.update(0.5);
    const a = arr(obj.position);
    mixer.update(1);
    return [a, arr(obj.position), clip.duration];
  },
  async controls() {
    const { OrbitControls } = await import('three/addons/controls/OrbitControls.js');
    const camera = new THREE.PerspectiveCamera(50, 4 / 3, 0.1, 100);
    camera.position.set(0, 5, 10);
    const element = document.createElement('div');
    document.getElementById('app').append(element);
    const controls = new OrbitControls(camera, element);
    controls.target.set(1, 0, 0);
    controls.enableDamping = false;
    controls.minDistance = 2;
    controls.update();
    const before = [r(controls.getAzimuthalAngle()), r(controls.getPolarAngle()), r(controls.getDistance())];
    controls.dispose();
    return [before, arr(camera.quaternion), arr(camera.position)];
  },
});
